package io.makerates.sink;

import static io.makerates.sink.StarSchemaMigrationTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.stack.EmbeddedStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * V7 on a database whose bridge already holds lineage: every voice moves onto its revision's
 * history row and reads back, through fact_rate_contribution and v_rate_lineage, exactly as it was
 * stored; a bridge row whose revision has no history row stops the migration instead of being
 * dropped.
 */
@Tag("integration")
class LineageOnRevisionMigrationTest {

  private static final String LINEAGE =
      """
      SELECT rate_date, base, quote, revision, leg, source_id, independence_group, value, accepted, rejection_reason,
             extraction_id, bronze_topic, bronze_partition, bronze_offset
      FROM v_rate_lineage ORDER BY rate_date, base, quote, revision, leg, source_id""";

  private static EmbeddedStack stack;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.builder().postgres().start();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyVoiceReadsBackAsItWasStoredOnTheBridge() throws Exception {
    String url = database("lineage_moved");
    try (Connection db = DriverManager.getConnection(url, stack.dbUser(), stack.dbPassword());
        Statement st = db.createStatement()) {
      migrate(url, "6");
      st.execute(
          """
          INSERT INTO fact_rate_history (date_key, base, quote, revision, rate, status, source_count) VALUES
            (20250106, 'EUR', 'JPY', 1, 161.25, 'SINGLE_SOURCE', 1),
            (20250106, 'EUR', 'JPY', 2, 161.30, 'CONSENSUS', 2),
            (20250106, 'USD', 'JPY', 1, 149.10, 'CONSENSUS', 2),
            (20250107, 'EUR', 'USD', 1, 1.0390, 'SINGLE_SOURCE', 1)""");
      // a revision with a rejected voice, a cross rate whose two legs have the same source, a
      // reason with the
      // characters an array literal quotes, and a revision with no lineage at all (EUR/USD of the
      // 7th)
      st.execute(
          """
          INSERT INTO fact_rate_contribution (date_key, base, quote, revision, leg, source_id, extraction_id, value,
            accepted, rejection_reason, bronze_topic, bronze_partition, bronze_offset) VALUES
            (20250106, 'EUR', 'JPY', 1, 'EUR/JPY', 'ecb', '00000000-0000-0000-0000-000000000001', 161.25, true, NULL, 'b', 0, 1),
            (20250106, 'EUR', 'JPY', 2, 'EUR/JPY', 'ecb', '00000000-0000-0000-0000-000000000001', 161.25, true, NULL, 'b', 0, 1),
            (20250106, 'EUR', 'JPY', 2, 'EUR/JPY', 'boc', '00000000-0000-0000-0000-000000000003', 161.35, true, NULL, 'b', 2, 7),
            (20250106, 'EUR', 'JPY', 2, 'EUR/JPY', 'exchangerate-api', '00000000-0000-0000-0000-000000000002', 171.0, false,
             'OUTLIER {far, "off"} \\ median', 'b', 1, 5),
            (20250106, 'USD', 'JPY', 1, 'EUR/JPY', 'ecb', '00000000-0000-0000-0000-000000000001', 161.25, true, NULL, 'b', 0, 1),
            (20250106, 'USD', 'JPY', 1, 'EUR/USD', 'ecb', '00000000-0000-0000-0000-000000000001', 1.0815, true, NULL, 'b', 0, 1)""");
      List<String> before = rows(db, LINEAGE);
      assertThat(before).hasSize(6);

      migrate(url, null);

      assertThat(rows(db, LINEAGE)).containsExactlyElementsOf(before);
      assertThat(rows(db, "SELECT rejection_reason FROM v_rate_lineage WHERE NOT accepted"))
          .containsExactly("OUTLIER {far, \"off\"} \\ median");
      assertThat(
              rows(
                  db,
                  "SELECT base, quote, revision, cardinality(lineage_source_id) FROM fact_rate_history "
                      + "ORDER BY date_key, base, quote, revision"))
          .containsExactly("EUR|JPY|1|1", "EUR|JPY|2|3", "USD|JPY|1|2", "EUR|USD|1|0");
      // a voice with an element missing from one of its arrays is refused
      assertThatThrownBy(
              () ->
                  st.execute(
                      """
          INSERT INTO fact_rate_history (date_key, base, quote, revision, rate, status, source_count,
            lineage_leg, lineage_source_id) VALUES
            (20250108, 'EUR', 'USD', 1, 1.04, 'SINGLE_SOURCE', 1, '{EUR/USD}', '{ecb}')"""))
          .hasMessageContaining("fact_rate_history_lineage_complete");
    }
  }

  @Test
  void lineageWithoutItsHistoryRowStopsTheMigration() throws Exception {
    String url = database("lineage_orphan");
    try (Connection db = DriverManager.getConnection(url, stack.dbUser(), stack.dbPassword());
        Statement st = db.createStatement()) {
      migrate(url, "6");
      st.execute(
          """
          INSERT INTO fact_rate_contribution (date_key, base, quote, revision, leg, source_id, extraction_id, value,
            accepted, bronze_topic, bronze_partition, bronze_offset) VALUES
            (20250106, 'EUR', 'JPY', 1, 'EUR/JPY', 'ecb', '00000000-0000-0000-0000-000000000001', 161.25, true, 'b', 0, 1)""");

      assertThatThrownBy(() -> migrate(url, null))
          .isInstanceOf(FlywayException.class)
          .hasMessageContaining("fact_rate_history lacks");
      // nothing of V7 stayed: the bridge row is still there, as a table
      assertThat(rows(db, "SELECT source_id, value FROM fact_rate_contribution"))
          .containsExactly("ecb|161.25");
      assertThat(rows(db, "SELECT relkind FROM pg_class WHERE relname = 'fact_rate_contribution'"))
          .containsExactly("r");
    }
  }

  private static void migrate(String url, String target) {
    MigrationDatabases.migrate(stack, url, target);
  }

  private static String database(String name) throws Exception {
    return MigrationDatabases.create(stack, name);
  }
}
