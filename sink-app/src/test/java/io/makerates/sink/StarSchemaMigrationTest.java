package io.makerates.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.runtime.currency.CurrencyTable;
import io.makerates.stack.EmbeddedStack;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * The Flyway migrations on an empty database: reference data, views, the conversion function and
 * the reader role.
 */
@Tag("integration")
class StarSchemaMigrationTest {

  private static EmbeddedStack stack;
  private static Connection db;

  @BeforeAll
  static void migrate() throws SQLException {
    stack = EmbeddedStack.builder().postgres().start();
    Flyway flyway =
        Flyway.configure().dataSource(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword()).load();
    int pending = flyway.info().pending().length;
    assertThat(pending).isGreaterThanOrEqualTo(4);
    assertThat(flyway.migrate().migrationsExecuted).isEqualTo(pending);
    db = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
    // a few EUR-pivot facts: Friday 2025-01-03 and Monday 2025-01-06 (weekend in between); EUR/USD
    // of 2025-01-06 as corrected the day after, the current revision with its lineage (V13)
    exec(
        """
        INSERT INTO fact_rate (date_key, base, quote, rate, status, source_count, revision) VALUES
          (20250103, 'EUR', 'USD', 1.0300, 'CONSENSUS', 2, 1),
          (20250103, 'EUR', 'GBP', 0.8300, 'CONSENSUS', 2, 1),
          (20250106, 'EUR', 'GBP', 0.8320, 'CONSENSUS', 2, 1)
        """);
    exec(
        """
        INSERT INTO fact_rate (date_key, base, quote, revision, rate, status, source_count, recorded_at,
          lineage_leg, lineage_source_id, lineage_extraction_id, lineage_value, lineage_accepted,
          lineage_rejection_reason, lineage_bronze_topic, lineage_bronze_partition, lineage_bronze_offset) VALUES
          (20250106, 'EUR', 'USD', 2, 1.0400, 'CONSENSUS', 2, '2025-01-07 09:00:00+00',
           '{EUR/USD,EUR/USD}', '{ecb,exchangerate-api}',
           '{00000000-0000-0000-0000-000000000001,00000000-0000-0000-0000-000000000002}', '{1.0390,1.0410}', '{t,t}',
           '{NULL,NULL}', '{fx.bronze.extractions.v1,fx.bronze.extractions.v1}', '{0,1}', '{11,12}')
        """);
    // ...as first recorded on the day: superseded, in the history
    exec(
        """
        INSERT INTO fact_rate_history (date_key, base, quote, revision, rate, status, source_count, recorded_at,
          lineage_leg, lineage_source_id, lineage_extraction_id, lineage_value, lineage_accepted,
          lineage_rejection_reason, lineage_bronze_topic, lineage_bronze_partition, lineage_bronze_offset) VALUES
          (20250106, 'EUR', 'USD', 1, 1.0390, 'SINGLE_SOURCE', 1, '2025-01-06 16:05:00+00',
           '{EUR/USD}', '{ecb}', '{00000000-0000-0000-0000-000000000001}', '{1.0390}', '{t}', '{NULL}',
           '{fx.bronze.extractions.v1}', '{0}', '{11}')
        """);
  }

  @AfterAll
  static void stop() throws SQLException {
    if (db != null) {
      db.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void migratingAgainFindsNothingToDo() {
    Flyway flyway =
        Flyway.configure().dataSource(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword()).load();
    assertThat(flyway.migrate().migrationsExecuted).isZero();
  }

  @Test
  void aDatabaseMigratedBeforeV1sCommentWasRewordedMigratesAndAnyOtherChecksumChangeStillStops()
      throws SQLException {
    String stored = "SELECT checksum FROM flyway_schema_history WHERE version = '1'";
    // the checksum Flyway computes for V1 as it is now is the one the sink knows
    assertThat(rows(stored)).containsExactly(Integer.toString(StarSchema.V1_CHECKSUM));
    org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
    dataSource.setUrl(stack.jdbcUrl());
    dataSource.setUser(stack.dbUser());
    dataSource.setPassword(stack.dbPassword());
    try {
      exec(
          "UPDATE flyway_schema_history SET checksum = "
              + StarSchema.V1_CHECKSUM_BEFORE_COMMENT_EDIT
              + " WHERE version = '1'");
      StarSchema.migrate(dataSource);
      assertThat(rows(stored)).containsExactly(Integer.toString(StarSchema.V1_CHECKSUM));

      exec("UPDATE flyway_schema_history SET checksum = 12345 WHERE version = '1'");
      assertThatThrownBy(() -> StarSchema.migrate(dataSource))
          .isInstanceOf(org.flywaydb.core.api.FlywayException.class)
          .hasMessageContaining("checksum");
    } finally {
      exec(
          "UPDATE flyway_schema_history SET checksum = "
              + StarSchema.V1_CHECKSUM
              + " WHERE version = '1'");
    }
  }

  @Test
  void currenciesHoldActiveAndRetiredCodes() throws SQLException {
    assertThat(
            rows(
                "SELECT code, name, minor_units, retired_on FROM dim_currency WHERE code IN ('EUR','USD','JPY') ORDER BY code"))
        .containsExactly("EUR|Euro|2|null", "JPY|Yen|0|null", "USD|US Dollar|2|null");
    assertThat(
            rows(
                "SELECT code, retired_on, successor FROM dim_currency WHERE code IN ('HRK','BGN','VEF') ORDER BY code"))
        .containsExactly("BGN|2026-01-01|EUR", "HRK|2023-01-01|EUR", "VEF|2018-08-20|VES");
    assertThat((Long) single("SELECT count(*) FROM dim_currency WHERE retired_on IS NULL"))
        .isGreaterThan(170L);
    assertThat(
            rows(
                "SELECT source_id || ':' || independence_group || ':' || base_currency FROM dim_source"
                    + " ORDER BY 1"))
        .containsExactly(
            "bnr:BNR:RON",
            "boc:BOC:CAD",
            "boe:BOE:GBP",
            "cbr:CBR:RUB",
            "cnb:CNB:CZK",
            "ecb:ECB:EUR",
            "exchangerate-api:ERAPI:USD",
            "frankfurter:ECB:EUR",
            "nbp:NBP:PLN");
  }

  @Test
  void theCurrencyDimensionHoldsExactlyTheSharedCurrencyTable() throws SQLException {
    List<String> expected =
        CurrencyTable.iso4217().all().stream()
            .map(
                c ->
                    c.code()
                        + "|"
                        + c.numeric()
                        + "|"
                        + c.minorUnits()
                        + "|"
                        + c.retiredOn()
                        + "|"
                        + c.successor())
            .sorted()
            .toList();
    assertThat(
            rows(
                "SELECT code, numeric_code, minor_units, retired_on, successor FROM dim_currency ORDER BY code"))
        .as(
            "dim_currency (Flyway seed) and runtime's iso4217.csv (streams validation) must list the same codes")
        .containsExactlyElementsOf(expected);
  }

  @Test
  void dateDimensionCoversTheRangeWithWeekdays() throws SQLException {
    assertThat(rows("SELECT min(date), max(date), count(*) FROM dim_date"))
        .containsExactly("1999-01-01|2040-12-31|15341");
    assertThat(
            rows(
                "SELECT date_key, quarter, iso_dow, is_weekend FROM dim_date WHERE date IN ('2025-01-04','2025-01-06') ORDER BY 1"))
        .containsExactly("20250104|1|6|t", "20250106|1|1|f");
  }

  @Test
  void calendarViewCarriesFridayIntoTheWeekend() throws SQLException {
    assertThat(
            rows(
                """
        SELECT calendar_date, rate, rate_date, is_carried_forward FROM v_rates_calendar
        WHERE base = 'EUR' AND quote = 'USD' AND calendar_date BETWEEN '2025-01-03' AND '2025-01-06' ORDER BY 1"""))
        .containsExactly(
            "2025-01-03|1.0300|2025-01-03|f",
            "2025-01-04|1.0300|2025-01-03|t",
            "2025-01-05|1.0300|2025-01-03|t",
            "2025-01-06|1.0400|2025-01-06|f");
    assertThat(single("SELECT max(calendar_date) = current_date FROM v_rates_calendar"))
        .isEqualTo(true);
  }

  @Test
  void convertAmountGoesThroughTheEuroPivotOnTheLastRateDay() throws SQLException {
    // Sunday uses Friday's rates: 100 USD -> EUR -> GBP = 100 / 1.03 * 0.83
    BigDecimal viaPivot =
        (BigDecimal) single("SELECT round(convert_amount(100, 'USD', 'GBP', '2025-01-05'), 6)");
    assertThat(viaPivot).isEqualByComparingTo("80.582524");
    assertThat((BigDecimal) single("SELECT convert_amount(10, 'EUR', 'USD', '2025-01-06')"))
        .isEqualByComparingTo("10.4");
    assertThat((BigDecimal) single("SELECT convert_amount(7, 'USD', 'USD', '2025-01-06')"))
        .isEqualByComparingTo("7");
    assertThat(single("SELECT convert_amount(10, 'EUR', 'USD', '2024-12-31')")).isNull();
  }

  @Test
  void ratesAsKnownAtATimeGiveTheRevisionRecordedByThen() throws SQLException {
    String pair =
        "SELECT revision, rate, status FROM rates_as_known_at('%s') WHERE base = 'EUR' AND quote = 'USD'"
            + " AND rate_date = '2025-01-06'";
    assertThat(rows(pair.formatted("2025-01-06 12:00:00+00"))).isEmpty();
    assertThat(rows(pair.formatted("2025-01-06 18:00:00+00")))
        .containsExactly("1|1.0390|SINGLE_SOURCE");
    assertThat(rows(pair.formatted("2025-01-07 09:00:00+00")))
        .containsExactly("2|1.0400|CONSENSUS");
    assertThat(
            rows(
                "SELECT revision, source_id, independence_group, value, bronze_offset FROM v_rate_lineage "
                    + "WHERE quote = 'USD' AND rate_date = '2025-01-06' ORDER BY 1, 2"))
        .containsExactly(
            "1|ecb|ECB|1.0390|11", "2|ecb|ECB|1.0390|11", "2|exchangerate-api|ERAPI|1.0410|12");
  }

  @Test
  void readerRoleSeesTheViewsAndCannotReadTablesNorWrite() throws SQLException {
    try (Connection reader =
            DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        Statement st = reader.createStatement()) {
      st.execute("SET ROLE makerates_reader");
      try (ResultSet rs =
          st.executeQuery("SELECT count(*) FROM v_rates WHERE base_name = 'Euro'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(4);
      }
      try (ResultSet rs =
          st.executeQuery("SELECT convert_amount(10, 'EUR', 'USD', '2025-01-06')")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("10.4");
      }
      try (ResultSet rs = st.executeQuery("SELECT convert(10, 'EUR', 'USD', '2025-01-06')")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBigDecimal(1)).isEqualByComparingTo("10.4");
      }
      // the API's lean view: a date is fact_rate's own key
      assertThat(
              rows(
                  reader,
                  "SELECT rate FROM v_rate_values WHERE date_key = 20250106 AND base = 'EUR'"
                      + " AND quote = 'USD'"))
          .containsExactly("1.0400");
      // history and lineage through their views and the as-known-at function
      // every revision: the four facts' current ones and the one superseded
      assertThat(rows(reader, "SELECT count(*) FROM v_rate_history")).containsExactly("5");
      assertThat(rows(reader, "SELECT count(*) FROM v_rate_lineage")).containsExactly("3");
      // the sources through their view (V11), for the API's /v2/providers: dim_source stays closed
      assertThat(
              rows(
                  reader,
                  "SELECT source_id || ':' || independence_group || ':' || base_currency"
                      + " FROM v_sources WHERE source_id = 'ecb'"))
          .containsExactly("ecb:ECB:EUR");
      assertThat(
              rows(
                  reader,
                  "SELECT revision FROM rates_as_known_at(now()) WHERE quote = 'USD'"
                      + " AND rate_date = '2025-01-06'"))
          .containsExactly("2");
      for (String table :
          List.of("fact_rate_contribution", "fact_rate_revision", "dim_source", "dim_date")) {
        assertThatThrownBy(() -> st.executeQuery("SELECT * FROM " + table))
            .isInstanceOf(PSQLException.class)
            .satisfies(e -> assertThat(((PSQLException) e).getSQLState()).isEqualTo("42501"));
      }
      for (String table :
          List.of("fact_rate", "fact_rate_history", "latest_rate", "sink_offset", "dim_currency")) {
        assertThatThrownBy(() -> st.executeQuery("SELECT * FROM " + table))
            .isInstanceOf(PSQLException.class)
            .satisfies(e -> assertThat(((PSQLException) e).getSQLState()).isEqualTo("42501"));
      }
      for (String write :
          List.of(
              "UPDATE latest_rate SET rate = 1 WHERE base = 'EUR'",
              "DELETE FROM fact_rate",
              "INSERT INTO dim_currency (code, numeric_code, minor_units, name) VALUES ('ZZZ', '000', 2, 'Nope')",
              "TRUNCATE fact_rate_history",
              "CREATE TABLE sneaky (id int)",
              "CREATE VIEW v_sneaky AS SELECT 1")) {
        assertThatThrownBy(() -> st.executeUpdate(write))
            .as(write)
            .isInstanceOf(PSQLException.class)
            .satisfies(e -> assertThat(((PSQLException) e).getSQLState()).isEqualTo("42501"));
      }
    }
  }

  private static void exec(String sql) throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute(sql);
    }
  }

  private static Object single(String sql) throws SQLException {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getObject(1);
    }
  }

  /** Each row as its columns joined with '|'. */
  static List<String> rows(String sql) throws SQLException {
    return rows(db, sql);
  }

  static List<String> rows(Connection connection, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
