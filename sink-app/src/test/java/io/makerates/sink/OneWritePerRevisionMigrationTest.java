package io.makerates.sink;

import static io.makerates.sink.StarSchemaMigrationTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.stack.EmbeddedStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * V13 on a database migrated by every earlier version and written the old way (every revision in
 * the history, the current one in the fact row as well): each current revision moves onto its fact
 * row with its lineage and recording time and leaves the history, and every reader's view (the
 * revisions, the lineage, the rates as known at a time) reads back exactly as before; V16, which
 * stores new revisions' sources and coordinates in dim_extraction, reads these rows as V15 did.
 */
@Tag("integration")
class OneWritePerRevisionMigrationTest {

  private static final String HISTORY =
      "SELECT rate_date, base, quote, revision, rate, status, derived, source_count, spread_bps,"
          + " recorded_at, flags FROM v_rate_history ORDER BY rate_date, base, quote, revision";
  private static final String LINEAGE =
      """
      SELECT rate_date, base, quote, revision, leg, source_id, independence_group, value, accepted, rejection_reason,
             extraction_id, bronze_topic, bronze_partition, bronze_offset, flag
      FROM v_rate_lineage ORDER BY rate_date, base, quote, revision, leg, source_id""";
  // before and after the correction of EUR/JPY: a superseded revision, then the current ones
  private static final String KNOWN_AT =
      "SELECT * FROM rates_as_known_at('2025-01-06T17:00:00Z') UNION ALL"
          + " SELECT * FROM rates_as_known_at('2025-01-08T00:00:00Z')";

  private static final String REVISIONS =
      "SELECT * FROM fact_rate_revision ORDER BY date_key, base, quote, revision";
  private static final String CONTRIBUTIONS =
      "SELECT * FROM fact_rate_contribution ORDER BY date_key, base, quote, revision, leg, source_id";

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
  void theCurrentRevisionMovesOntoItsFactRowAndReadersSeeWhatTheySawBefore() throws Exception {
    String url = database("one_write");
    try (Connection db = DriverManager.getConnection(url, stack.dbUser(), stack.dbPassword());
        Statement st = db.createStatement()) {
      migrate(url, "12");
      // EUR/JPY of the 6th in two revisions (the second current), EUR/USD of the 7th in one
      st.execute(
          """
          INSERT INTO fact_rate_history (date_key, base, quote, revision, rate, status, source_count, spread_bps,
            recorded_at, flags, lineage_leg, lineage_source_id, lineage_extraction_id, lineage_value, lineage_accepted,
            lineage_rejection_reason, lineage_bronze_topic, lineage_bronze_partition, lineage_bronze_offset,
            lineage_flag) VALUES
            (20250106, 'EUR', 'JPY', 1, 161.25, 'SINGLE_SOURCE', 1, NULL, '2025-01-06T16:00:00Z', '{}',
             '{EUR/JPY}', '{ecb}', '{00000000-0000-0000-0000-000000000001}', '{161.25}', '{t}', '{NULL}', '{b}',
             '{0}', '{1}', '{NULL}'),
            (20250106, 'EUR', 'JPY', 2, 161.30, 'CONSENSUS', 2, 3.1, '2025-01-06T18:00:00Z', '{}',
             '{EUR/JPY,EUR/JPY,EUR/JPY}', '{boc,ecb,exchangerate-api}',
             '{00000000-0000-0000-0000-000000000003,00000000-0000-0000-0000-000000000001,00000000-0000-0000-0000-000000000002}',
             '{161.35,161.25,171.0}', '{t,t,f}', '{NULL,NULL,OUTLIER}', '{b,b,b}', '{2,0,1}', '{7,1,5}',
             '{NULL,NULL,UNCONFIRMED_JUMP}'),
            (20250107, 'EUR', 'USD', 1, 1.0390, 'SINGLE_SOURCE', 1, NULL, '2025-01-07T16:00:00Z', '{UNCONFIRMED_JUMP}',
             '{EUR/USD}', '{ecb}', '{00000000-0000-0000-0000-000000000004}', '{1.0390}', '{t}', '{NULL}', '{b}',
             '{0}', '{9}', '{UNCONFIRMED_JUMP}')""");
      st.execute(
          """
          INSERT INTO fact_rate (date_key, base, quote, rate, status, source_count, spread_bps, revision, updated_at,
            flags) VALUES
            (20250106, 'EUR', 'JPY', 161.30, 'CONSENSUS', 2, 3.1, 2, '2025-01-06T18:00:00Z', '{}'),
            (20250107, 'EUR', 'USD', 1.0390, 'SINGLE_SOURCE', 1, NULL, 1, '2025-01-07T16:00:00Z',
             '{UNCONFIRMED_JUMP}')""");
      List<String> history = rows(db, HISTORY);
      List<String> lineage = rows(db, LINEAGE);
      List<String> knownAt = rows(db, KNOWN_AT);
      assertThat(history).hasSize(3);
      assertThat(lineage).hasSize(5);
      assertThat(knownAt).hasSize(3);

      migrate(url, "15");
      List<String> revisions = rows(db, REVISIONS);
      List<String> contributions = rows(db, CONTRIBUTIONS);
      // V16 leaves rows stored before it as they are, and reads them as V15 did
      migrate(url, null);
      assertThat(rows(db, REVISIONS)).hasSize(3).containsExactlyElementsOf(revisions);
      assertThat(rows(db, CONTRIBUTIONS)).hasSize(5).containsExactlyElementsOf(contributions);

      assertThat(rows(db, HISTORY)).containsExactlyElementsOf(history);
      assertThat(rows(db, LINEAGE)).containsExactlyElementsOf(lineage);
      assertThat(rows(db, KNOWN_AT)).containsExactlyElementsOf(knownAt);
      // only the superseded revision is left in the history; the current ones are their fact rows
      assertThat(rows(db, "SELECT base, quote, revision FROM fact_rate_history"))
          .containsExactly("EUR|JPY|1");
      assertThat(
              rows(
                  db,
                  "SELECT quote, revision, recorded_at AT TIME ZONE 'UTC', cardinality(lineage_source_id),"
                      + " lineage_flag"
                      + " FROM fact_rate ORDER BY date_key"))
          .containsExactly(
              "JPY|2|2025-01-06 18:00:00|3|{NULL,NULL,UNCONFIRMED_JUMP}",
              "USD|1|2025-01-07 16:00:00|1|{UNCONFIRMED_JUMP}");
      // a voice with an element missing from one of its arrays is refused on the fact row too
      assertThatThrownBy(
              () ->
                  st.execute(
                      """
          UPDATE fact_rate SET lineage_leg = '{}' WHERE date_key = 20250107"""))
          .hasMessageContaining("fact_rate_lineage_complete");
    }
  }

  @Test
  void aFactRowWrittenWithoutItsHistoryRowIsARevisionRecordedWhenItWasLastUpdated()
      throws Exception {
    String url = database("one_write_by_hand");
    try (Connection db = DriverManager.getConnection(url, stack.dbUser(), stack.dbPassword());
        Statement st = db.createStatement()) {
      migrate(url, "12");
      st.execute(
          """
          INSERT INTO fact_rate (date_key, base, quote, rate, status, source_count, revision, updated_at) VALUES
            (20250108, 'EUR', 'GBP', 0.8301, 'SINGLE_SOURCE', 1, 1, '2025-01-08T17:00:00Z')""");
      migrate(url, null);
      assertThat(
              rows(db, "SELECT revision, recorded_at AT TIME ZONE 'UTC' FROM fact_rate_revision"))
          .containsExactly("1|2025-01-08 17:00:00");
    }
  }

  private static void migrate(String url, String target) {
    MigrationDatabases.migrate(stack, url, target);
  }

  private static String database(String name) throws Exception {
    return MigrationDatabases.create(stack, name);
  }
}
