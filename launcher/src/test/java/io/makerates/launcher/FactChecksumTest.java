package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.stack.EmbeddedStack;
import io.makerates.streams.replay.FactChecksum;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The replay's checksum of fact_rate, on the schema the sink's migrations make: a change of any
 * stored column changes it, flags included, and only the time a row was written does not.
 */
@Tag("integration")
class FactChecksumTest {

  private static EmbeddedStack stack;
  private static Connection db;

  @BeforeAll
  static void start() throws Exception {
    stack = EmbeddedStack.builder().postgres().start();
    Flyway.configure()
        .dataSource(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    db = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
    try (Statement s = db.createStatement()) {
      s.execute(
          "INSERT INTO fact_rate (date_key, base, quote, rate, status, derived, source_count,"
              + " spread_bps, confidence_low, confidence_high, revision)"
              + " VALUES (20250314, 'EUR', 'USD', 1.0852, 'CONSENSUS', false, 2, 4.6, 1.0850, 1.0855, 3),"
              + " (20250314, 'EUR', 'JPY', 161.23, 'SINGLE_SOURCE', false, 1, 0, 161.23, 161.23, 1)");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (db != null) {
      db.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void everyStoredColumnButTheTimeCounts() throws Exception {
    String before = checksum();
    assertThat(FactChecksum.of(db).rows()).isEqualTo(2);

    update("updated_at = now() + interval '1 day'");
    assertThat(checksum()).as("the time a row was written").isEqualTo(before);

    for (String change :
        new String[] {
          "flags = '{UNCONFIRMED_JUMP}'",
          "rate = 1.0853",
          "rate = 1.08530", // the same number stored with another scale: another stored value
          "status = 'DISPUTED'",
          "derived = true",
          "source_count = 3",
          "spread_bps = NULL",
          "confidence_low = 1.0849",
          "confidence_high = 1.0856",
          "revision = 4"
        }) {
      update(change);
      String after = checksum();
      assertThat(after).as(change).isNotEqualTo(before);
      before = after;
    }
  }

  private static String checksum() throws Exception {
    return FactChecksum.of(db).md5();
  }

  private static void update(String assignment) throws Exception {
    try (Statement s = db.createStatement()) {
      s.executeUpdate("UPDATE fact_rate SET " + assignment + " WHERE quote = 'USD'");
    }
  }
}
