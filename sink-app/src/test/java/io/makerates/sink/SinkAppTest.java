package io.makerates.sink;

import static io.makerates.sink.StarSchemaMigrationTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.ops.HealthChecks;
import io.makerates.runtime.ops.Observability;
import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.ConsensusStatus;
import io.makerates.schema.Contribution;
import io.makerates.schema.GoldRate;
import io.makerates.schema.Rejection;
import io.makerates.stack.EmbeddedStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The sink against a real broker, registry and PostgreSQL: silver in, star schema and gold out. */
@Tag("integration")
class SinkAppTest {

  private static final Duration WAIT = Duration.ofSeconds(90);

  private static EmbeddedStack stack;
  private static AutoCloseable sink;
  private static HealthChecks health;
  private static Connection db;
  private static AvroSerdes serdes;
  private static KafkaProducer<String, ConsensusRate> silver;
  private static KafkaProducer<String, byte[]> raw;

  @BeforeAll
  static void start() throws SQLException {
    stack = EmbeddedStack.builder().all().start();
    health = new HealthChecks();
    Settings settings =
        new Settings(stack.env()).with(Map.of("MAKERATES_GOLD_LOCK_RETRY", "500ms"));
    sink = SinkApp.start(settings, Observability.registry("sink-app-test"), health);
    db = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
    serdes = new AvroSerdes(stack.registryUrl());
    silver =
        new KafkaProducer<>(
            stack.kafkaProperties(),
            new StringSerializer(),
            serdes.<ConsensusRate>valueSerde().serializer());
    raw =
        new KafkaProducer<>(
            stack.kafkaProperties(),
            new StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer());
    await().atMost(WAIT).until(health::ready);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {silver, raw, sink, db, stack}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void storesFactHistoryLineageAndLatestAndIgnoresRedelivery() throws Exception {
    LocalDate day = LocalDate.of(2025, 3, 14);
    ConsensusRate rate = rate(day, "EUR", "JPY", "161.23", 1);
    RecordMetadata first = send(rate);
    awaitStored(first);

    assertThat(
            rows(
                db,
                "SELECT rate, status, source_count, spread_bps, revision FROM fact_rate WHERE date_key = 20250314 AND quote = 'JPY'"))
        .containsExactly("161.23|CONSENSUS|2|12.5|1");
    assertThat(
            rows(
                db,
                "SELECT revision, rate FROM fact_rate_revision WHERE date_key = 20250314 AND quote = 'JPY'"))
        .containsExactly("1|161.23");
    assertThat(
            rows(
                db,
                "SELECT source_id, accepted, bronze_offset FROM fact_rate_contribution WHERE date_key = 20250314 AND quote = 'JPY' ORDER BY 1"))
        .containsExactly("ecb|t|7", "exchangerate-api|t|8");
    assertThat(
            rows(
                db,
                "SELECT rate_date, rate, revision FROM latest_rate WHERE base = 'EUR' AND quote = 'JPY'"))
        .containsExactly("2025-03-14|161.23|1");
    List<String> before =
        rows(db, "SELECT updated_at FROM fact_rate WHERE date_key = 20250314 AND quote = 'JPY'");

    // the same record delivered again (a producer retry, a replay): nothing changes
    awaitStored(send(rate));
    assertThat(
            rows(
                db,
                "SELECT count(*) FROM fact_rate_revision WHERE date_key = 20250314 AND quote = 'JPY'"))
        .containsExactly("1");
    assertThat(
            rows(
                db,
                "SELECT count(*) FROM fact_rate_contribution WHERE date_key = 20250314 AND quote = 'JPY'"))
        .containsExactly("2");
    assertThat(
            rows(
                db, "SELECT updated_at FROM fact_rate WHERE date_key = 20250314 AND quote = 'JPY'"))
        .isEqualTo(before);
  }

  /**
   * A source no seed knows, asked for another base than its type's (MAKERATES_SOURCE_<ID>_BASE),
   * gets its dim_source row with the base its answers came in; a later answer in another base moves
   * it, and a voice from a writer that did not record the base, or a code that is no currency,
   * leaves it as it is.
   */
  @Test
  void aSourceGetsTheBaseItsAnswersCameInRecordedInItsDimension() throws Exception {
    LocalDate day = LocalDate.of(2025, 3, 17);
    Contribution usd =
        Contribution.newBuilder(contribution("frankfurter-usd", "ECB", "1.09", 21))
            .setProviderBase("USD")
            .build();
    ConsensusRate rate = rate(day, "EUR", "USD", "1.09", 1);
    rate.setContributions(List.of(usd, contribution("ecb", "ECB", "1.09", 22)));
    awaitStored(send(rate));
    String base = "SELECT base_currency FROM dim_source WHERE source_id = 'frankfurter-usd'";
    assertThat(rows(db, base)).containsExactly("USD");
    assertThat(rows(db, "SELECT base_currency FROM dim_source WHERE source_id = 'ecb'"))
        .containsExactly("EUR");

    ConsensusRate unrecorded = rate(day, "EUR", "GBP", "0.85", 1);
    unrecorded.setContributions(
        List.of(
            contribution("frankfurter-usd", "ECB", "0.85", 23),
            Contribution.newBuilder(contribution("ecb", "ECB", "0.85", 24))
                .setProviderBase("XYZ")
                .build()));
    awaitStored(send(unrecorded));
    assertThat(rows(db, base)).containsExactly("USD");
    assertThat(rows(db, "SELECT base_currency FROM dim_source WHERE source_id = 'ecb'"))
        .containsExactly("EUR");

    ConsensusRate chf = rate(day, "EUR", "CHF", "0.95", 1);
    chf.setContributions(
        List.of(
            Contribution.newBuilder(contribution("frankfurter-usd", "ECB", "0.95", 25))
                .setProviderBase("CHF")
                .build()));
    awaitStored(send(chf));
    assertThat(rows(db, base)).containsExactly("CHF");
  }

  @Test
  void aRevisionPublishedAgainUnderTheSameNumberIsStoredAsItsLatestRecord() throws Exception {
    LocalDate day = LocalDate.of(2025, 3, 12);
    ConsensusRate rate = rate(day, "EUR", "CHF", "0.9512", 1);
    awaitStored(send(rate));
    List<String> recorded =
        rows(
            db,
            "SELECT recorded_at FROM fact_rate_revision WHERE date_key = 20250312 AND quote = 'CHF'");
    List<String> updated =
        rows(db, "SELECT updated_at FROM fact_rate WHERE date_key = 20250312 AND quote = 'CHF'");

    // the same revision, same values, now with the late voice the consensus set aside (as earlier
    // streams-app versions republished it)
    List<Contribution> withLateVoice = new ArrayList<>(rate.getContributions());
    withLateVoice.add(
        Contribution.newBuilder(contribution("boc", "BOC", "0.9901", 9))
            .setAccepted(false)
            .setRejectionReason("OUTLIER")
            .build());
    awaitStored(send(ConsensusRate.newBuilder(rate).setContributions(withLateVoice).build()));

    assertThat(
            rows(
                db,
                "SELECT source_id, accepted, rejection_reason FROM v_rate_lineage WHERE rate_date = '2025-03-12' "
                    + "AND quote = 'CHF' ORDER BY 1"))
        .containsExactly("boc|f|OUTLIER", "ecb|t|null", "exchangerate-api|t|null");
    assertThat(
            rows(
                db,
                "SELECT count(*) FROM fact_rate_revision WHERE date_key = 20250312 AND quote = 'CHF'"))
        .containsExactly("1");
    assertThat(
            rows(
                db,
                "SELECT recorded_at FROM fact_rate_revision WHERE date_key = 20250312 AND quote = 'CHF'"))
        .isEqualTo(recorded);
    assertThat(
            rows(
                db, "SELECT updated_at FROM fact_rate WHERE date_key = 20250312 AND quote = 'CHF'"))
        .isEqualTo(updated);

    // and again under the same number with another value (a late answer): every table holds
    // the latest record
    awaitStored(send(rate(day, "EUR", "CHF", "0.9520", 1)));
    assertThat(
            rows(
                db,
                "SELECT rate, revision FROM fact_rate WHERE date_key = 20250312 AND quote = 'CHF'"))
        .containsExactly("0.9520|1");
    assertThat(
            rows(
                db,
                "SELECT rate, cardinality(lineage_source_id) FROM fact_rate_revision "
                    + "WHERE date_key = 20250312 AND quote = 'CHF'"))
        .containsExactly("0.9520|2");
    assertThat(
            rows(
                db,
                "SELECT recorded_at FROM fact_rate_revision WHERE date_key = 20250312 AND quote = 'CHF'"))
        .isNotEqualTo(recorded);
  }

  @Test
  void aCrossRateKeepsTheLineageOfBothLegsEvenFromTheSameSources() throws Exception {
    LocalDate day = LocalDate.of(2025, 3, 13);
    ConsensusRate usdJpy =
        ConsensusRate.newBuilder(rate(day, "USD", "JPY", "149.02", 1))
            .setDerived(true)
            .setContributions(
                List.of(
                    leg(contribution("ecb", "ECB", "1.0820", 3), "EUR/USD"),
                    leg(contribution("exchangerate-api", "ERAPI", "1.0824", 4), "EUR/USD"),
                    leg(contribution("ecb", "ECB", "161.25", 3), "EUR/JPY"),
                    leg(contribution("exchangerate-api", "ERAPI", "161.29", 4), "EUR/JPY")))
            .build();
    awaitStored(send(usdJpy));
    // a record from a writer that predates legs: its voices quoted the rate's own pair
    awaitStored(send(rate(day, "EUR", "JPY", "161.27", 1)));

    assertThat(
            rows(
                db,
                "SELECT base, quote, leg, source_id, value FROM v_rate_lineage WHERE rate_date = '2025-03-13' "
                    + "ORDER BY base, leg, source_id"))
        .containsExactly(
            "EUR|JPY|EUR/JPY|ecb|161.27", "EUR|JPY|EUR/JPY|exchangerate-api|161.27",
            "USD|JPY|EUR/JPY|ecb|161.25", "USD|JPY|EUR/JPY|exchangerate-api|161.29",
            "USD|JPY|EUR/USD|ecb|1.0820", "USD|JPY|EUR/USD|exchangerate-api|1.0824");
  }

  @Test
  void aFlaggedRateAndItsDoubtedVoicesCanBeFilteredOnInEveryTableAndInGold() throws Exception {
    LocalDate day = LocalDate.of(2025, 3, 20);
    // the lone voice jumped and no other group confirmed it: published, with the doubt on the rate
    // and on the voice
    ConsensusRate lone =
        ConsensusRate.newBuilder(rate(day, "EUR", "SEK", "12.10", 1))
            .setStatus(ConsensusStatus.SINGLE_SOURCE)
            .setSourceCount(1)
            .setFlags(List.of("UNCONFIRMED_JUMP"))
            .setContributions(
                List.of(
                    Contribution.newBuilder(contribution("ecb", "ECB", "12.10", 11))
                        .setFlag("UNCONFIRMED_JUMP")
                        .build()))
            .build();
    awaitStored(send(lone));
    // a second source then says otherwise: the jump is set aside and the rate is clean again
    ConsensusRate corrected =
        ConsensusRate.newBuilder(rate(day, "EUR", "SEK", "11.21", 2))
            .setStatus(ConsensusStatus.SINGLE_SOURCE)
            .setSourceCount(1)
            .setContributions(
                List.of(
                    Contribution.newBuilder(contribution("ecb", "ECB", "12.10", 11))
                        .setAccepted(false)
                        .setRejectionReason("UNCONFIRMED_JUMP")
                        .setFlag("UNCONFIRMED_JUMP")
                        .build(),
                    contribution("exchangerate-api", "ERAPI", "11.21", 12)))
            .build();

    assertThat(awaitGold("EUR/SEK", g -> g.getRevision() == 1).getFlags())
        .containsExactly("UNCONFIRMED_JUMP");
    assertThat(
            rows(db, "SELECT flags FROM v_rates WHERE rate_date = '2025-03-20' AND quote = 'SEK'"))
        .containsExactly("{UNCONFIRMED_JUMP}");
    assertThat(
            rows(
                db,
                "SELECT count(*) FROM v_rates WHERE rate_date = '2025-03-20' AND quote = 'SEK' AND flags = '{}'"))
        .containsExactly("0");
    awaitStored(send(corrected));

    assertThat(
            rows(
                db,
                "SELECT revision, flags FROM v_rate_history WHERE rate_date = '2025-03-20' AND quote = 'SEK' "
                    + "ORDER BY 1"))
        .containsExactly("1|{UNCONFIRMED_JUMP}", "2|{}");
    assertThat(
            rows(
                db,
                "SELECT revision, source_id, accepted, rejection_reason, flag FROM v_rate_lineage "
                    + "WHERE rate_date = '2025-03-20' AND quote = 'SEK' ORDER BY 1, 2"))
        .containsExactly(
            "1|ecb|t|null|UNCONFIRMED_JUMP",
            "2|ecb|f|UNCONFIRMED_JUMP|UNCONFIRMED_JUMP",
            "2|exchangerate-api|t|null|null");
    assertThat(rows(db, "SELECT flags FROM fact_rate WHERE date_key = 20250320 AND quote = 'SEK'"))
        .containsExactly("{}");
    assertThat(awaitGold("EUR/SEK", g -> g.getRevision() == 2).getFlags()).isEmpty();
  }

  @Test
  void anOlderRevisionNeverOverwritesANewerOne() throws Exception {
    LocalDate day = LocalDate.of(2025, 3, 17);
    awaitStored(send(rate(day, "EUR", "CHF", "0.9612", 2)));
    awaitStored(send(rate(day, "EUR", "CHF", "0.9500", 1)));

    assertThat(
            rows(
                db,
                "SELECT rate, revision FROM fact_rate WHERE date_key = 20250317 AND quote = 'CHF'"))
        .containsExactly("0.9612|2");
    assertThat(
            rows(db, "SELECT rate, revision FROM latest_rate WHERE base = 'EUR' AND quote = 'CHF'"))
        .containsExactly("0.9612|2");
    // the late revision is still part of the record of what was known when
    assertThat(
            rows(
                db,
                "SELECT revision, rate FROM fact_rate_revision WHERE date_key = 20250317 AND quote = 'CHF' ORDER BY 1"))
        .containsExactly("1|0.9500", "2|0.9612");
  }

  @Test
  void aRevisionIsWrittenOnceAndMovesToTheHistoryWhenANewerOneSupersedesIt() throws Exception {
    LocalDate day = LocalDate.of(2025, 3, 24); // a day no other test of this class writes
    String key = "date_key = 20250324 AND quote = 'DKK'";
    awaitStored(send(rate(day, "EUR", "DKK", "7.4601", 1)));
    // the current revision is its fact row alone, with its lineage and when it was recorded
    assertThat(rows(db, "SELECT count(*) FROM fact_rate_history WHERE " + key))
        .containsExactly("0");
    List<String> first =
        rows(
            db,
            "SELECT revision, rate, cardinality(lineage_extraction_id), recorded_at FROM fact_rate WHERE "
                + key);
    assertThat(first).hasSize(1);
    assertThat(first.get(0)).startsWith("1|7.4601|2|");

    awaitStored(send(rate(day, "EUR", "DKK", "7.4611", 2)));
    // superseded, revision 1 moved to the history as it was, recorded_at and lineage with it
    assertThat(
            rows(
                db,
                "SELECT revision, rate, cardinality(lineage_extraction_id), recorded_at"
                    + " FROM fact_rate_history WHERE "
                    + key))
        .containsExactlyElementsOf(first);
    assertThat(rows(db, "SELECT revision, rate FROM fact_rate WHERE " + key))
        .containsExactly("2|7.4611");
    assertThat(
            rows(db, "SELECT revision, rate FROM fact_rate_revision WHERE " + key + " ORDER BY 1"))
        .containsExactly("1|7.4601", "2|7.4611");
    assertThat(
            rows(
                db,
                "SELECT revision, count(*) FROM fact_rate_contribution WHERE "
                    + key
                    + " GROUP BY 1 ORDER BY 1"))
        .containsExactly("1|2", "2|2");

    // both again, in one batch or not: nothing changes
    awaitStored(send(rate(day, "EUR", "DKK", "7.4601", 1)));
    awaitStored(send(rate(day, "EUR", "DKK", "7.4611", 2)));
    assertThat(
            rows(
                db,
                "SELECT revision, rate, cardinality(lineage_extraction_id), recorded_at"
                    + " FROM fact_rate_history WHERE "
                    + key))
        .containsExactlyElementsOf(first);
    assertThat(rows(db, "SELECT count(*) FROM fact_rate_revision WHERE " + key))
        .containsExactly("2");
  }

  @Test
  void anUnknownCurrencyOrBadValueIsRejectedAndTheSinkCarriesOn() throws Exception {
    LocalDate day = LocalDate.of(2025, 3, 18);
    RecordMetadata unknown = send(rate(day, "EUR", "XYZ", "1.5", 1));
    RecordMetadata badValue = send(rate(day, "EUR", "NOK", "eleven", 1));
    RecordMetadata unreadable =
        raw.send(new ProducerRecord<>(TopicNames.RATES, "2025-03-18/EUR/SEK", new byte[] {1, 2, 3}))
            .get();
    awaitStored(unknown);
    awaitStored(badValue);
    awaitStored(unreadable);
    RecordMetadata good = send(rate(day, "EUR", "PLN", "4.1800", 1));
    awaitStored(good);

    List<Rejection> rejections =
        readUntil(TopicNames.REJECTED, Rejection.class, r -> r.size() >= 3);
    assertThat(rejections)
        .extracting(r -> r.getReasonCode() + ":" + r.getInputOffset() + ":" + r.getStage())
        .contains(
            "UNKNOWN_CURRENCY:" + unknown.offset() + ":sink",
            "BAD_VALUE:" + badValue.offset() + ":sink",
            "UNREADABLE:" + unreadable.offset() + ":sink");
    assertThat(rejections)
        .filteredOn(r -> r.getReasonCode().equals("UNKNOWN_CURRENCY"))
        .extracting(Rejection::getCurrency)
        .containsExactly("XYZ");
    assertThat(rows(db, "SELECT rate FROM fact_rate WHERE date_key = 20250318 ORDER BY quote"))
        .containsExactly("4.1800");
  }

  @Test
  void latestRatesReachGoldIncludingAnOperatorCorrection() throws Exception {
    LocalDate day = LocalDate.of(2025, 3, 19);
    awaitStored(send(rate(day, "EUR", "USD", "1.0823", 1)));

    GoldRate gold = awaitGold("EUR/USD", g -> g.getRate().equals("1.0823"));
    assertThat(gold.getDate()).isEqualTo(day);
    assertThat(gold.getStatus()).isEqualTo("CONSENSUS");
    assertThat(gold.getSpreadBps()).isEqualTo("12.5");

    try (Statement st = db.createStatement()) {
      st.executeUpdate("UPDATE latest_rate SET rate = 1.0900 WHERE base = 'EUR' AND quote = 'USD'");
    }
    assertThat(awaitGold("EUR/USD", g -> g.getRate().equals("1.0900")).getRevision()).isEqualTo(1);
  }

  @Test
  void aPartitionWhoseTransactionFailsIsRetriedAloneWhileTheOthersAreStored() throws Exception {
    LocalDate day = LocalDate.of(2025, 3, 20);
    try (Statement st = db.createStatement()) {
      // a database-side failure for one pair only, as a full disk or a lock timeout would
      // strike one transaction
      st.execute("CREATE TABLE test_refused_quote (quote char(3) PRIMARY KEY)");
      st.execute("INSERT INTO test_refused_quote VALUES ('HUF')");
    }
    refuseHistoryRows(
        "EXISTS (SELECT 1 FROM test_refused_quote WHERE quote = NEW.quote)",
        "'refused by the test'",
        "P0001");
    try {
      RecordMetadata refused = send(rate(day, "EUR", "HUF", "402.10", 1));
      // rates of other pairs until one lands on another partition
      RecordMetadata other = null;
      for (String quote : List.of("CZK", "DKK", "RON", "ISK", "TRY", "BGN", "SEK", "NZD")) {
        RecordMetadata sent = send(rate(day, "EUR", quote, "1.5", 1));
        if (sent.partition() != refused.partition()) {
          other = sent;
          break;
        }
      }
      assertThat(other).as("a rate on another partition than %s", refused.partition()).isNotNull();
      awaitStored(other);
      assertThat(
              rows(
                  db, "SELECT count(*) FROM fact_rate WHERE date_key = 20250320 AND quote = 'HUF'"))
          .containsExactly("0");
      assertThat(
              rows(
                  db,
                  "SELECT next_offset FROM sink_offset WHERE topic = '"
                      + TopicNames.RATES
                      + "' AND partition = "
                      + refused.partition()))
          .allSatisfy(
              next -> assertThat(Long.parseLong(next)).isLessThanOrEqualTo(refused.offset()));

      try (Statement st = db.createStatement()) {
        st.execute("DELETE FROM test_refused_quote");
      }
      awaitStored(refused);
      assertThat(
              rows(
                  db,
                  "SELECT rate, revision FROM fact_rate WHERE date_key = 20250320 AND quote = 'HUF'"))
          .containsExactly("402.10|1");
    } finally {
      stopRefusingHistoryRows();
      try (Statement st = db.createStatement()) {
        st.execute("DROP TABLE test_refused_quote");
      }
    }
  }

  @Test
  void aRecordTheDatabaseRefusesForItsDataIsRejectedAndItsPartitionGoesOn() throws Exception {
    LocalDate day = LocalDate.of(2025, 3, 21);
    // a rule the sink's own check does not know, as an operator's constraint would add:
    // every retry would fail
    refuseHistoryRows("NEW.quote = 'RON'", "'no RON rates here'", "check_violation");
    try {
      RecordMetadata refused = send(rate(day, "EUR", "RON", "4.9770", 1));
      // and good rates after it on the same partition
      List<String> stored = new ArrayList<>();
      RecordMetadata last = refused;
      for (String quote :
          List.of(
              "CZK", "DKK", "HUF", "ISK", "TRY", "BGN", "NZD", "GBP", "AUD", "CAD", "MXN", "ZAR",
              "THB", "SGD")) {
        RecordMetadata sent = send(rate(day, "EUR", quote, "1.5", 1));
        if (sent.partition() == refused.partition()) {
          stored.add(quote);
          last = sent;
        }
      }
      assertThat(stored)
          .as("rates sent after RON on its partition %s", refused.partition())
          .isNotEmpty();
      awaitStored(last);

      List<Rejection> rejections =
          readUntil(
              TopicNames.REJECTED,
              Rejection.class,
              r -> r.stream().anyMatch(x -> x.getReasonCode().equals("STORE_REFUSED")));
      assertThat(rejections)
          .filteredOn(r -> r.getReasonCode().equals("STORE_REFUSED"))
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.getInputPartition()).isEqualTo(refused.partition());
                assertThat(r.getInputOffset()).isEqualTo(refused.offset());
                assertThat(r.getDetail()).contains("23514").contains("no RON rates here");
              });
      assertThat(rows(db, "SELECT quote FROM fact_rate WHERE date_key = 20250321 ORDER BY quote"))
          .doesNotContain("RON")
          .containsAll(stored);
    } finally {
      stopRefusingHistoryRows();
    }
  }

  // --- helpers ---

  /**
   * A trigger that makes PostgreSQL refuse history rows matching the condition with this error
   * code.
   */
  private static void refuseHistoryRows(String condition, String message, String errcode)
      throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute(
          "CREATE FUNCTION test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF "
              + condition
              + " THEN RAISE EXCEPTION "
              + message
              + " USING ERRCODE = '"
              + errcode
              + "'; END IF; RETURN NEW; END $$");
      st.execute(
          "CREATE TRIGGER test_refuse BEFORE INSERT ON fact_rate FOR EACH ROW EXECUTE FUNCTION test_refuse()");
    }
  }

  private static void stopRefusingHistoryRows() throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute("DROP TRIGGER test_refuse ON fact_rate");
      st.execute("DROP FUNCTION test_refuse()");
    }
  }

  private static ConsensusRate rate(
      LocalDate day, String base, String quote, String value, int revision) {
    return ConsensusRate.newBuilder()
        .setDate(day)
        .setBase(base)
        .setQuote(quote)
        .setRate(value)
        .setStatus(ConsensusStatus.CONSENSUS)
        .setDerived(false)
        .setSourceCount(2)
        .setSpreadBps("12.5")
        .setConfidenceLow(value)
        .setConfidenceHigh(value)
        .setRevision(revision)
        .setContributions(
            List.of(
                contribution("ecb", "ECB", value, 7),
                contribution("exchangerate-api", "ERAPI", value, 8)))
        .build();
  }

  private static Contribution contribution(String source, String group, String value, long offset) {
    return Contribution.newBuilder()
        .setSourceId(source)
        .setIndependenceGroup(group)
        .setValue(value)
        .setExtractionId(UUID.nameUUIDFromBytes((source + offset).getBytes()))
        .setBronze(new BronzeCoordinates(TopicNames.BRONZE, 0, offset))
        .setAccepted(true)
        .setRejectionReason(null)
        .build();
  }

  private static Contribution leg(Contribution contribution, String leg) {
    return Contribution.newBuilder(contribution).setLeg(leg).build();
  }

  private static RecordMetadata send(ConsensusRate rate)
      throws ExecutionException, InterruptedException {
    String key = rate.getDate() + "/" + rate.getBase() + "/" + rate.getQuote();
    return silver.send(new ProducerRecord<>(TopicNames.RATES, key, rate)).get();
  }

  /**
   * Waits until the sink has committed its position past this record (rows and offset in one
   * transaction).
   */
  private static void awaitStored(RecordMetadata record) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                rows(
                        db,
                        "SELECT next_offset FROM sink_offset WHERE topic = '"
                            + TopicNames.RATES
                            + "' AND partition = "
                            + record.partition())
                    .stream()
                    .anyMatch(o -> Long.parseLong(o) > record.offset()));
  }

  private static GoldRate awaitGold(String key, Predicate<GoldRate> wanted) {
    List<GoldRate> found = new ArrayList<>();
    readUntil(
        TopicNames.GOLD,
        GoldRate.class,
        values -> {
          values.stream()
              .filter(g -> key.equals(g.getBase() + "/" + g.getQuote()))
              .filter(wanted)
              .forEach(found::add);
          return !found.isEmpty();
        });
    return found.getFirst();
  }

  /**
   * Reads the whole topic from the beginning, again and again, until the condition holds for what
   * it holds.
   */
  static <V> List<V> readUntil(String topic, Class<V> type, Predicate<List<V>> done) {
    Properties props = stack.kafkaProperties();
    props.put("isolation.level", "read_committed");
    try (KafkaConsumer<String, org.apache.avro.specific.SpecificRecord> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), serdes.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream()
              .map(p -> new TopicPartition(topic, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      List<V> values = new ArrayList<>();
      await()
          .atMost(WAIT)
          .until(
              () -> {
                for (ConsumerRecord<String, org.apache.avro.specific.SpecificRecord> r :
                    consumer.poll(Duration.ofMillis(200))) {
                  if (r.value() != null) {
                    values.add(type.cast(r.value()));
                  }
                }
                return done.test(values);
              });
      return values;
    }
  }
}
