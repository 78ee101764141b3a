package io.makerates.sink;

import static io.makerates.sink.StarSchemaMigrationTest.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.stack.EmbeddedStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * V6 on a bridge that already holds lineage: every old row gets a leg, and the new key holds both
 * legs.
 */
@Tag("integration")
class LineageLegMigrationTest {

  @Test
  void oldLineageRowsGetTheirLegOrSayItWasNotRecorded() throws Exception {
    try (EmbeddedStack stack = EmbeddedStack.builder().postgres().start();
        Connection db =
            DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        Statement st = db.createStatement()) {
      Flyway.configure()
          .dataSource(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword())
          .target("5")
          .load()
          .migrate();
      st.execute(
          """
          INSERT INTO fact_rate_contribution (date_key, base, quote, revision, source_id, extraction_id, value, accepted,
            bronze_topic, bronze_partition, bronze_offset) VALUES
            (20250106, 'EUR', 'JPY', 1, 'ecb', '00000000-0000-0000-0000-000000000001', 161.25, true, 'b', 0, 1),
            (20250106, 'USD', 'JPY', 1, 'ecb', '00000000-0000-0000-0000-000000000001', 1.0820, true, 'b', 0, 1)""");

      Flyway.configure()
          .dataSource(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword())
          .target("6")
          .load()
          .migrate();

      assertThat(rows(db, "SELECT base, quote, leg FROM fact_rate_contribution ORDER BY base"))
          .containsExactly("EUR|JPY|EUR/JPY", "USD|JPY|unrecorded");
      // the same source in both legs of one revision now fits the key
      st.execute(
          """
          INSERT INTO fact_rate_contribution (date_key, base, quote, revision, leg, source_id, extraction_id, value,
            accepted, bronze_topic, bronze_partition, bronze_offset) VALUES
            (20250107, 'USD', 'JPY', 1, 'EUR/USD', 'ecb', '00000000-0000-0000-0000-000000000002', 1.0830, true, 'b', 0, 2),
            (20250107, 'USD', 'JPY', 1, 'EUR/JPY', 'ecb', '00000000-0000-0000-0000-000000000002', 161.40, true, 'b', 0, 2)""");
      assertThat(rows(db, "SELECT count(*) FROM fact_rate_contribution WHERE date_key = 20250107"))
          .containsExactly("2");
    }
  }
}
