package io.makerates.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.makerates.stack.EmbeddedStack;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The writer's batches as the sink hands them over, several revisions of one pair and day in one
 * batch and late ones after it: the newest stands in the fact row, every other revision is in the
 * history once, whichever statement put it there (the upsert's trigger, the batch's own older
 * revisions, or a revision older than the stored one).
 */
@Tag("integration")
class StarSchemaWriterTest {

  private static final TopicPartition PARTITION = new TopicPartition("fx.silver.rates.v1", 0);

  private static EmbeddedStack stack;
  private static HikariDataSource pool;
  private static StarSchemaWriter writer;
  private static long offset;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.builder().postgres().start();
    pool = new HikariDataSource();
    pool.setJdbcUrl(stack.jdbcUrl());
    pool.setUsername(stack.dbUser());
    pool.setPassword(stack.dbPassword());
    StarSchema.migrate(pool);
    writer = new StarSchemaWriter(pool, "writer-test");
  }

  @AfterAll
  static void stop() throws Exception {
    pool.close();
    stack.close();
  }

  @Test
  void revisionsOfOneBatchGoToTheHistoryAndTheNewestStands() throws Exception {
    LocalDate day = LocalDate.of(2024, 5, 6);
    write(rate(day, "1.0801", 1, "ecb"), rate(day, "1.0802", 2, "ecb"), rate(day, "1.0803", 3));

    assertThat(rows("SELECT revision, rate FROM fact_rate WHERE date_key = 20240506"))
        .containsExactly("3|1.0803");
    assertThat(history(20240506)).containsExactly("1|1.0801|1", "2|1.0802|1");
    assertThat(rows("SELECT rate_date, revision FROM latest_rate WHERE quote = 'USD'"))
        .containsExactly("2024-05-06|3");

    // a newer revision with a later copy of the stored one in the same batch: the trigger moves the
    // stored copy, and the batch's copy stands over it
    write(rate(day, "1.0813", 3, "ecb"), rate(day, "1.0804", 4));
    assertThat(rows("SELECT revision, rate FROM fact_rate WHERE date_key = 20240506"))
        .containsExactly("4|1.0804");
    assertThat(history(20240506)).containsExactly("1|1.0801|1", "2|1.0802|1", "3|1.0813|1");

    // late records: one older than the stored revision goes to the history and leaves the fact
    // row, and the same revisions again change nothing
    write(rate(day, "1.0802", 2, "ecb"), rate(day, "1.0804", 4));
    assertThat(rows("SELECT revision, rate FROM fact_rate WHERE date_key = 20240506"))
        .containsExactly("4|1.0804");
    assertThat(history(20240506)).containsExactly("1|1.0801|1", "2|1.0802|1", "3|1.0813|1");
  }

  @Test
  void aRevisionNeverStoredThatArrivesAfterANewerOneIsKeptInTheHistory() throws Exception {
    LocalDate day = LocalDate.of(2024, 5, 7);
    write(rate(day, "1.0705", 5));
    write(rate(day, "1.0701", 2, "ecb"));

    assertThat(rows("SELECT revision, rate FROM fact_rate WHERE date_key = 20240507"))
        .containsExactly("5|1.0705");
    assertThat(history(20240507)).containsExactly("2|1.0701|1");
    // the latest rate of the pair is the newest day's newest revision, whatever came last
    write(rate(day.minusDays(1), "1.0699", 9));
    assertThat(rows("SELECT rate_date, revision FROM latest_rate WHERE quote = 'USD'"))
        .containsExactly("2024-05-07|5");
  }

  @Test
  void aLegTopicAndCoordinatesSharedByEveryVoiceAreStoredOnceAndReadAsBefore() throws Exception {
    LocalDate day = LocalDate.of(2024, 4, 30);
    SilverRate plain = rate(day, "1.0750", 1);
    // a cross rate's voices quote two legs, and one voice here came from another topic
    SilverRate cross = rate(day, "0.9170", 1);
    List<SilverRate.Lineage> mixed = new ArrayList<>(cross.contributions());
    SilverRate.Lineage first = mixed.getFirst();
    mixed.set(
        0,
        new SilverRate.Lineage(
            "EUR/CHF",
            first.sourceId(),
            first.independenceGroup(),
            first.extractionId(),
            first.value(),
            true,
            null,
            "fx.bronze.replayed.v1",
            1,
            7,
            null,
            "EUR"));
    cross =
        new SilverRate(
            day,
            "USD",
            "CHF",
            cross.rate(),
            cross.status(),
            true,
            2,
            BigDecimal.ZERO,
            cross.rate(),
            cross.rate(),
            1,
            mixed,
            List.of());
    // a day before the other tests' days, so that their latest rates stay theirs
    write(plain, cross);

    // USD's voices match their extractions' rows: only the extraction ids are stored; CHF's ecb
    // voice names other coordinates than its extraction's row, so CHF keeps them on its row
    assertThat(
            rows(
                "SELECT quote, lineage_leg IS NULL, lineage_source_id IS NULL,"
                    + " lineage_bronze_offset IS NULL, lineage_bronze_topic IS NULL, lineage_topic,"
                    + " lineage_rejection_reason IS NULL FROM fact_rate WHERE date_key = 20240430"
                    + " ORDER BY quote"))
        .containsExactly("CHF|f|f|f|f|null|t", "USD|t|t|t|t|null|t");
    assertThat(
            rows(
                "SELECT quote, leg, source_id, bronze_topic, bronze_partition, bronze_offset,"
                    + " rejection_reason FROM fact_rate_contribution WHERE date_key = 20240430"
                    + " ORDER BY quote, leg, source_id"))
        .containsExactly(
            "CHF|EUR/CHF|ecb|fx.bronze.replayed.v1|1|7|null",
            "CHF|EUR/USD|boc|fx.bronze.extractions.v1|0|1|null",
            "USD|EUR/USD|boc|fx.bronze.extractions.v1|0|1|null",
            "USD|EUR/USD|ecb|fx.bronze.extractions.v1|0|1|null");
    // every revision with its arrays written out per voice, in the order of its extraction ids
    assertThat(
            rows(
                "SELECT quote, lineage_leg, lineage_source_id, lineage_bronze_topic,"
                    + " lineage_bronze_partition, lineage_bronze_offset, lineage_rejection_reason"
                    + " FROM fact_rate_revision WHERE date_key = 20240430 ORDER BY quote"))
        .containsExactly(
            "CHF|{EUR/CHF,EUR/USD}|{ecb,boc}|{fx.bronze.replayed.v1,fx.bronze.extractions.v1}"
                + "|{1,0}|{7,1}|{NULL,NULL}",
            "USD|{EUR/USD,EUR/USD}|{ecb,boc}|{fx.bronze.extractions.v1,fx.bronze.extractions.v1}"
                + "|{0,0}|{1,1}|{NULL,NULL}");

    // moved to the history by a newer revision, the compact lineage goes with it
    write(rate(day, "1.0751", 2));
    assertThat(
            rows(
                "SELECT revision, lineage_source_id IS NULL, lineage_topic,"
                    + " cardinality(lineage_bronze_topic) FROM fact_rate_history"
                    + " WHERE date_key = 20240430"))
        .containsExactly("1|t|null|null");
    assertThat(
            rows(
                "SELECT DISTINCT revision, leg, bronze_topic, bronze_offset FROM fact_rate_contribution"
                    + " WHERE date_key = 20240430 AND quote = 'USD' ORDER BY 1"))
        .containsExactly(
            "1|EUR/USD|fx.bronze.extractions.v1|1", "2|EUR/USD|fx.bronze.extractions.v1|2");
  }

  @Test
  void aRejectedVoiceKeepsItsReason() throws Exception {
    LocalDate day = LocalDate.of(2024, 4, 29);
    SilverRate rate = rate(day, "1.0740", 1, "ecb", "boc");
    List<SilverRate.Lineage> voices = new ArrayList<>(rate.contributions());
    SilverRate.Lineage boc = voices.get(1);
    voices.set(
        1,
        new SilverRate.Lineage(
            boc.leg(),
            boc.sourceId(),
            boc.independenceGroup(),
            boc.extractionId(),
            new BigDecimal("1.2"),
            false,
            "OUTLIER",
            boc.bronzeTopic(),
            boc.bronzePartition(),
            boc.bronzeOffset(),
            null,
            "EUR"));
    write(
        new SilverRate(
            day,
            "EUR",
            "USD",
            rate.rate(),
            rate.status(),
            false,
            1,
            BigDecimal.ZERO,
            rate.rate(),
            rate.rate(),
            1,
            voices,
            List.of()));
    assertThat(
            rows(
                "SELECT source_id, accepted, rejection_reason FROM fact_rate_contribution"
                    + " WHERE date_key = 20240429 ORDER BY source_id"))
        .containsExactly("boc|f|OUTLIER", "ecb|t|null");
  }

  private static void write(SilverRate... rates) throws Exception {
    offset += rates.length;
    writer.write(List.of(rates), Map.of(PARTITION, offset));
  }

  private static SilverRate rate(LocalDate day, String value, int revision, String... sources) {
    List<SilverRate.Lineage> voices = new ArrayList<>();
    for (String source : sources.length == 0 ? new String[] {"ecb", "boc"} : sources) {
      voices.add(
          new SilverRate.Lineage(
              "EUR/USD",
              source,
              source.toUpperCase(java.util.Locale.ROOT),
              UUID.nameUUIDFromBytes((source + day + revision).getBytes()),
              new BigDecimal(value),
              true,
              null,
              "fx.bronze.extractions.v1",
              0,
              revision,
              null,
              "EUR"));
    }
    return new SilverRate(
        day,
        "EUR",
        "USD",
        new BigDecimal(value),
        voices.size() > 1 ? "CONSENSUS" : "SINGLE_SOURCE",
        false,
        voices.size(),
        BigDecimal.ZERO,
        new BigDecimal(value),
        new BigDecimal(value),
        revision,
        voices,
        List.of());
  }

  /** revision|rate|voices of the history rows of a day, by revision. */
  private static List<String> history(int dateKey) throws Exception {
    return rows(
        "SELECT revision, rate, cardinality(lineage_extraction_id) FROM fact_rate_history WHERE"
            + " date_key = "
            + dateKey
            + " ORDER BY revision");
  }

  private static List<String> rows(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection db = pool.getConnection();
        Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<String> fields = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          fields.add(rs.getString(i));
        }
        rows.add(String.join("|", fields));
      }
    }
    return rows;
  }
}
