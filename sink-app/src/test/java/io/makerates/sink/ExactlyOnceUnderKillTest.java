package io.makerates.sink;

import static io.makerates.sink.StarSchemaMigrationTest.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.kafka.TopicProvisioner;
import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.ConsensusStatus;
import io.makerates.schema.Contribution;
import io.makerates.schema.Rejection;
import io.makerates.stack.EmbeddedStack;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once into PostgreSQL under SIGKILL (offsets stored in the same transaction as the rows).
 * The same silver topic is stored twice by the real sink process, each run into its own database of
 * one PostgreSQL: run A runs undisturbed, run B is killed with -9 at random moments (during boot,
 * mid-batch, mid-commit) and restarted, with a different poll batch size at every start. Both
 * databases must end up holding the same rows, and those rows must be what the input says they
 * should be.
 *
 * <p>A failure names the seed; {@code -Dmakerates.kill.seed=<seed>} replays the same data, kill
 * count, kill delays and batch sizes (the exact instant of a kill still depends on the machine).
 */
@Tag("integration")
class ExactlyOnceUnderKillTest {

  private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceUnderKillTest.class);

  private static final int PARTITIONS = 4;
  private static final int DAYS = 50;
  private static final LocalDate FIRST_DAY = LocalDate.of(2025, 1, 2);
  private static final List<String> EUR_QUOTES =
      List.of(
          "USD", "JPY", "GBP", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "RON", "BGN", "ISK",
          "TRY", "AUD", "BRL", "CAD", "CNY", "HKD", "IDR", "ILS", "INR", "KRW", "MXN", "MYR", "NZD",
          "PHP", "SGD", "THB", "ZAR");
  private static final List<String> USD_QUOTES =
      List.of(
          "EUR", "JPY", "GBP", "CHF", "CAD", "AUD", "MXN", "BRL", "CNY", "INR", "KRW", "SGD", "HKD",
          "SEK", "NOK", "PLN", "TRY", "ZAR", "THB", "ILS");
  private static final int MAX_REVISIONS = 14;

  /** nbp-mirror is in no seed: the sink adds it to dim_source on the fly. */
  private static final List<String[]> SOURCES =
      List.of(
          new String[] {"ecb", "ECB"},
          new String[] {"frankfurter", "ECB"},
          new String[] {"exchangerate-api", "ERAPI"},
          new String[] {"boc", "BOC"},
          new String[] {"nbp-mirror", "NBP"});

  private static final int RECORDS_PER_TRANSACTION = 1_000;

  /**
   * max.poll.records of run B, drawn at each start that will be killed: small batches mean many
   * commits to kill in, and a stream that lasts long enough for every kill to land in it; run A and
   * the last start of run B keep the sink's default (5,000).
   */
  private static final List<Integer> BATCH_SIZES = List.of(25, 50, 100, 250);

  private static final Duration RUN_LIMIT = Duration.ofSeconds(90);
  private static final Set<String> WALL_CLOCK_COLUMNS =
      Set.of("updated_at", "recorded_at", "stored_at");
  private static final List<String> COMPARED_TABLES =
      List.of(
          "fact_rate",
          "fact_rate_history",
          "fact_rate_revision",
          "fact_rate_contribution",
          "latest_rate",
          "dim_source",
          "dim_date");
  private static final String ASSIGNED_LOG_LINE = "resuming from stored offsets";

  private final List<Process> children = new ArrayList<>();

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aSinkKilledWithSigkillAtRandomStoresExactlyWhatAnUndisturbedSinkStores(
      @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp) throws Exception {
    long seed = Long.getLong("makerates.kill.seed", new SecureRandom().nextLong());
    Random random = new Random(seed);
    int kills = 3 + random.nextInt(4);
    List<String> killLog = new ArrayList<>();
    String replay =
        "seed " + seed + ", " + kills + " kills (replay with -Dmakerates.kill.seed=" + seed + ")";
    LOG.info("exactly-once under kill -9: {}; child logs under {}", replay, tmp);
    long started = System.nanoTime();

    try (EmbeddedStack stack = EmbeddedStack.builder().all().start()) {
      try {
        TopicProvisioner.ensure(
            stack.kafkaProperties(), TopicProvisioner.contractTopics(PARTITIONS, (short) 1));
        Input input = Input.generate(random);
        Produced produced = produce(stack, input);
        LOG.info(
            "produced {} committed silver records ({} to be rejected) and {} aborted ones in {} ms; stored offsets to reach {}",
            produced.committed(),
            input.badCount(),
            produced.aborted(),
            millisSince(started),
            produced.expectedNext());
        createDatabase(stack, "run_a");
        createDatabase(stack, "run_b");

        // run A: the reference, undisturbed
        long runA = System.nanoTime();
        try (Connection a = connect(stack, "run_a")) {
          Process sink = startSink(stack, "run_a", null, tmp.resolve("run-a.log"));
          awaitCompletion(a, "run_a", produced, sink, tmp.resolve("run-a.log"), replay);
          stop(sink);
        }
        LOG.info("run A (undisturbed) stored everything in {} ms", millisSince(runA));
        Map<String, Integer> rejectionsAfterA = rejections(stack);

        // run B: killed with -9 at random moments, restarted each time, then left to finish
        long runB = System.nanoTime();
        try (Connection b = connect(stack, "run_b")) {
          for (int kill = 1; kill <= kills; kill++) {
            int maxPoll = BATCH_SIZES.get(random.nextInt(BATCH_SIZES.size()));
            int delay = 300 + random.nextInt(2_201);
            Path log = tmp.resolve("run-b-" + kill + ".log");
            long before = progress(b, "run_b");
            Process sink = startSink(stack, "run_b", maxPoll, log);
            long bootedAt = System.nanoTime();
            // the first kill counts from process start, so it lands in boot or the migrations; the
            // others from the
            // moment the consumer resumed, so they land among the batches
            String phase = kill == 1 ? "after start" : "after assignment";
            if (kill > 1) {
              await()
                  .atMost(RUN_LIMIT)
                  .pollInterval(Duration.ofMillis(20))
                  .until(
                      () -> {
                        assertAlive(sink, log, replay);
                        return logContains(log, ASSIGNED_LOG_LINE) || progress(b, "run_b") > before;
                      });
            }
            Thread.sleep(delay);
            assertAlive(sink, log, replay); // a sink that died by itself is a finding, not a kill
            long atKill = progress(b, "run_b");
            long killedAfter = millisSince(bootedAt);
            sink.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no rollback from the
            // client side
            assertThat(sink.waitFor(15, TimeUnit.SECONDS))
                .as("killed sink exits, " + replay)
                .isTrue();
            long afterKill = progress(b, "run_b");
            String entry =
                String.format(
                    "kill %d: %d ms %s (process up %d ms), max.poll.records %d, stored %d -> %d of %d",
                    kill, delay, phase, killedAfter, maxPoll, before, afterKill, produced.total());
            killLog.add(entry);
            LOG.info("{} (progress read just before the kill: {})", entry, atKill);
          }
          Path log = tmp.resolve("run-b-final.log");
          // the last start finishes with the default batch size: yet another way of cutting
          // the same stream
          Process sink = startSink(stack, "run_b", null, log);
          awaitCompletion(b, "run_b", produced, sink, log, replay + "; " + killLog);
          stop(sink);
        }
        LOG.info("run B ({} kills) stored everything in {} ms", kills, millisSince(runB));
        String context = replay + "; " + String.join("; ", killLog);
        long midKills =
            killLog.stream()
                .filter(k -> !k.endsWith("-> " + produced.total() + " of " + produced.total()))
                .count();
        LOG.info("kills that left work undone: {} of {}", midKills, kills);

        try (Connection a = connect(stack, "run_a");
            Connection b = connect(stack, "run_b")) {
          // both runs stored what the input says: the newest revision per key, every revision,
          // lineage, latest per pair
          for (Connection db : List.of(a, b)) {
            String which = db == a ? "run A (undisturbed)" : "run B (killed)";
            assertSameRows(
                rows(
                    db,
                    "SELECT date_key || '|' || base || '|' || quote || '|' || revision FROM fact_rate"),
                input.expectedFacts(),
                "fact_rate keys and revisions of " + which,
                context);
            assertSameRows(
                rows(
                    db,
                    "SELECT date_key || '|' || base || '|' || quote || '|' || revision FROM fact_rate_revision"),
                input.expectedHistory(),
                "every revision's keys and revisions of " + which,
                context);
            assertSameRows(
                rows(
                    db,
                    "SELECT base || '|' || quote || '|' || rate_date || '|' || revision FROM latest_rate"),
                input.expectedLatest(),
                "latest_rate of " + which,
                context);
            assertThat(rows(db, "SELECT count(*) FROM fact_rate_contribution"))
                .as("lineage rows of %s, %s", which, context)
                .containsExactly(Integer.toString(input.expectedContributions()));
            assertThat(
                    rows(
                        db,
                        "SELECT count(*) = count(DISTINCT (date_key, base, quote, revision)) FROM fact_rate_revision"))
                .as("no duplicate history rows in %s, %s", which, context)
                .containsExactly("t");
            assertThat(
                    rows(
                        db,
                        "SELECT count(*) = count(DISTINCT (date_key, base, quote, revision, source_id)) FROM fact_rate_contribution"))
                .as("no duplicate lineage rows in %s, %s", which, context)
                .containsExactly("t");
            // the fact tables have no foreign keys (V5): the sink itself keeps every row
            // joined to its dimensions
            assertThat(
                    rows(
                        db,
                        """
                SELECT count(*) FROM fact_rate_revision h
                WHERE NOT EXISTS (SELECT 1 FROM dim_date d WHERE d.date_key = h.date_key)
                   OR NOT EXISTS (SELECT 1 FROM dim_currency c WHERE c.code = h.base)
                   OR NOT EXISTS (SELECT 1 FROM dim_currency c WHERE c.code = h.quote)"""))
                .as("history rows without their dimension rows in %s, %s", which, context)
                .containsExactly("0");
            assertThat(
                    rows(
                        db,
                        "SELECT (SELECT count(*) FROM fact_rate) - (SELECT count(*) FROM v_rates)"))
                .as("fact rows missing from v_rates in %s, %s", which, context)
                .containsExactly("0");
            assertThat(
                    rows(
                        db,
                        """
                SELECT count(*) FROM fact_rate_contribution c
                WHERE NOT EXISTS (SELECT 1 FROM dim_source s WHERE s.source_id = c.source_id)
                   OR NOT EXISTS (SELECT 1 FROM fact_rate_revision h WHERE (h.date_key, h.base, h.quote, h.revision)
                                  = (c.date_key, c.base, c.quote, c.revision))"""))
                .as("lineage rows without their source or revision in %s, %s", which, context)
                .containsExactly("0");
            String group = db == a ? "sink-run_a" : "sink-run_b";
            assertThat(storedOffsets(db, group))
                .as("stored offsets of %s, %s", which, context)
                .isEqualTo(produced.expectedNext());
            assertThat(unreadAfter(stack, storedOffsets(db, group)))
                .as(
                    "committed silver records left after the stored offsets of %s, %s",
                    which, context)
                .isZero();
          }

          // and the killed run holds exactly the rows of the undisturbed one
          for (String table : COMPARED_TABLES) {
            assertSameRows(
                dump(b, table),
                dump(a, table),
                table + " of run B (killed) against run A (undisturbed)",
                context);
          }
        }

        // rejections go to Kafka before the offset passes them: run A once each, run B at
        // least once each
        Map<String, Integer> rejectionsAfterB = rejections(stack);
        assertThat(rejectionsAfterA)
            .as("rejections of run A, %s", context)
            .isEqualTo(
                produced.badCoordinates().stream()
                    .collect(Collectors.toMap(c -> c, c -> 1, Integer::sum, TreeMap::new)));
        assertThat(rejectionsAfterB.keySet())
            .as("rejected input records after run B, %s", context)
            .isEqualTo(rejectionsAfterA.keySet());
        rejectionsAfterB.forEach(
            (coordinates, count) ->
                assertThat(count - rejectionsAfterA.get(coordinates))
                    .as("rejections of %s written by run B, %s", coordinates, context)
                    .isGreaterThanOrEqualTo(1));
        int duplicates = rejectionsAfterB.values().stream().mapToInt(c -> c - 2).sum();
        LOG.info(
            "run B wrote {} duplicate rejection(s) (at-least-once into fx.rejected.v1, as designed)",
            duplicates);
        LOG.info(
            "exactly-once under kill -9 passed in {} ms: {}; {}",
            millisSince(started),
            replay,
            killLog);
      } finally {
        killChildren();
      }
    }
  }

  // --- the input ---

  record Key(LocalDate date, String base, String quote) {
    String text() {
      return date + "/" + base + "/" + quote;
    }

    String dateKey() {
      return date.toString().replace("-", "");
    }
  }

  /**
   * One record to send, at a relative time in [0, 1]: a good version, or bytes the sink must
   * reject.
   */
  record Send(Key key, int revision, ConsensusRate rate, byte[] raw, double at, boolean toReject) {
    Send(Key key, int revision, ConsensusRate rate, double at) {
      this(key, revision, rate, null, at, false);
    }
  }

  /**
   * Silver rates for {@value #DAYS} days of 50 pairs (EUR/x and USD/x), 1 to {@value
   * #MAX_REVISIONS} revisions each, interleaved at random; some revisions swapped (an older one
   * arriving after a newer one), some sent twice at once, some older revisions sent again later,
   * and a few records the sink must reject.
   */
  record Input(List<Send> sends, Map<Key, Map<Integer, ConsensusRate>> versions, int badCount) {

    static Input generate(Random random) {
      Map<Key, Map<Integer, ConsensusRate>> versions = new LinkedHashMap<>();
      List<Send> sends = new ArrayList<>();
      for (int d = 0; d < DAYS; d++) {
        LocalDate date = FIRST_DAY.plusDays(d);
        for (String base : List.of("EUR", "USD")) {
          for (String quote : base.equals("EUR") ? EUR_QUOTES : USD_QUOTES) {
            Key key = new Key(date, base, quote);
            BigDecimal mid =
                BigDecimal.valueOf(50 + random.nextInt(1_000_000), 4); // 0.0050 .. 100.0049
            int count = 1 + random.nextInt(MAX_REVISIONS);
            Map<Integer, ConsensusRate> byRevision = new TreeMap<>();
            for (int revision = 1; revision <= count; revision++) {
              byRevision.put(revision, version(random, key, revision, mid));
            }
            versions.put(key, byRevision);
            List<Integer> order = new ArrayList<>(byRevision.keySet());
            if (count >= 3 && random.nextInt(10) == 0) {
              Collections.swap(
                  order,
                  1 + random.nextInt(count - 2),
                  count - 1); // a newer one before an older one
            }
            double[] times = random.doubles(count).sorted().toArray();
            for (int i = 0; i < count; i++) {
              sends.add(new Send(key, order.get(i), byRevision.get(order.get(i)), times[i]));
              if (random.nextInt(33) == 0) { // an exact duplicate right behind (a producer retry)
                sends.add(
                    new Send(
                        key,
                        order.get(i),
                        byRevision.get(order.get(i)),
                        times[i] + random.nextDouble() * 1e-3));
              }
            }
            if (count >= 2
                && random.nextInt(20) == 0) { // an old revision replayed after the newest one
              int stale = 1 + random.nextInt(count - 1);
              double last = times[count - 1];
              sends.add(
                  new Send(
                      key, stale, byRevision.get(stale), last + (1 - last) * random.nextDouble()));
            }
          }
        }
      }
      int bad = 0;
      for (String unknown : List.of("XQZ", "QQX", "ABC", "ZZZ", "EUX")) {
        LocalDate date = FIRST_DAY.plusDays(random.nextInt(DAYS));
        Key key = new Key(date, "EUR", unknown);
        sends.add(
            new Send(
                key, 1, version(random, key, 1, BigDecimal.ONE), null, random.nextDouble(), true));
        bad++;
      }
      Key badValue = new Key(FIRST_DAY.plusDays(random.nextInt(DAYS)), "EUR", "NOK");
      ConsensusRate notANumber = version(random, badValue, 1, BigDecimal.TEN);
      notANumber.setRate("n/a");
      sends.add(new Send(badValue, 1, notANumber, null, random.nextDouble(), true));
      Key unreadable = new Key(FIRST_DAY.plusDays(random.nextInt(DAYS)), "EUR", "SEK");
      sends.add(new Send(unreadable, 0, null, new byte[] {1, 2, 3}, random.nextDouble(), true));
      bad += 2;
      sends.sort(Comparator.comparingDouble(Send::at));
      return new Input(List.copyOf(sends), versions, bad);
    }

    private static ConsensusRate version(Random random, Key key, int revision, BigDecimal mid) {
      BigDecimal rate =
          mid.multiply(BigDecimal.ONE.add(BigDecimal.valueOf(random.nextInt(401) - 200, 5)))
              .setScale(6, RoundingMode.HALF_EVEN);
      int voices = 1 + random.nextInt(3);
      List<String[]> sources = new ArrayList<>(SOURCES);
      Collections.shuffle(sources, random);
      List<Contribution> contributions = new ArrayList<>();
      for (int i = 0; i < voices; i++) {
        contributions.add(contribution(random, sources.get(i), rate, 20, true));
      }
      if (voices >= 2 && random.nextInt(8) == 0) {
        contributions.add(contribution(random, sources.get(voices), rate, 900, false));
      }
      ConsensusStatus status =
          voices == 1
              ? ConsensusStatus.SINGLE_SOURCE
              : random.nextInt(10) == 0 ? ConsensusStatus.DISPUTED : ConsensusStatus.CONSENSUS;
      BigDecimal band =
          rate.multiply(BigDecimal.valueOf(random.nextInt(50) + 1, 4))
              .setScale(6, RoundingMode.HALF_EVEN);
      return ConsensusRate.newBuilder()
          .setDate(key.date())
          .setBase(key.base())
          .setQuote(key.quote())
          .setRate(rate.toPlainString())
          .setStatus(status)
          .setDerived(key.base().equals("USD"))
          .setSourceCount(voices)
          // spread and band are empty for a single voice (null in the star schema)
          .setSpreadBps(
              voices == 1 ? "" : BigDecimal.valueOf(random.nextInt(15_000), 2).toPlainString())
          .setConfidenceLow(voices == 1 ? "" : rate.subtract(band).toPlainString())
          .setConfidenceHigh(voices == 1 ? "" : rate.add(band).toPlainString())
          .setRevision(revision)
          .setContributions(contributions)
          .build();
    }

    private static Contribution contribution(
        Random random, String[] source, BigDecimal rate, int maxBps, boolean accepted) {
      BigDecimal value =
          rate.multiply(
                  BigDecimal.ONE.add(
                      BigDecimal.valueOf(random.nextInt(2 * maxBps + 1) - maxBps, 4)))
              .setScale(6, RoundingMode.HALF_EVEN);
      return Contribution.newBuilder()
          .setSourceId(source[0])
          .setIndependenceGroup(source[1])
          .setValue(value.toPlainString())
          .setExtractionId(new UUID(random.nextLong(), random.nextLong()))
          .setBronze(
              new BronzeCoordinates(
                  TopicNames.BRONZE, random.nextInt(PARTITIONS), (long) random.nextInt(10_000_000)))
          .setAccepted(accepted)
          .setRejectionReason(accepted ? null : "OUTLIER")
          .build();
    }

    /** {@code yyyymmdd|base|quote|revision} of the newest revision per key. */
    Set<String> expectedFacts() {
      Set<String> facts = new TreeSet<>();
      versions.forEach(
          (key, byRevision) ->
              facts.add(
                  key.dateKey()
                      + "|"
                      + key.base()
                      + "|"
                      + key.quote()
                      + "|"
                      + Collections.max(byRevision.keySet())));
      return facts;
    }

    /** {@code yyyymmdd|base|quote|revision} of every revision sent (each is sent at least once). */
    Set<String> expectedHistory() {
      Set<String> history = new TreeSet<>();
      versions.forEach(
          (key, byRevision) ->
              byRevision
                  .keySet()
                  .forEach(
                      revision ->
                          history.add(
                              key.dateKey()
                                  + "|"
                                  + key.base()
                                  + "|"
                                  + key.quote()
                                  + "|"
                                  + revision)));
      return history;
    }

    /** {@code base|quote|date|revision}: the newest revision of the newest date of each pair. */
    Set<String> expectedLatest() {
      Map<String, Key> newest = new TreeMap<>();
      versions
          .keySet()
          .forEach(
              key ->
                  newest.merge(
                      key.base() + "|" + key.quote(),
                      key,
                      (x, y) -> x.date().isAfter(y.date()) ? x : y));
      Set<String> latest = new TreeSet<>();
      newest.forEach(
          (pair, key) ->
              latest.add(
                  pair + "|" + key.date() + "|" + Collections.max(versions.get(key).keySet())));
      return latest;
    }

    int expectedContributions() {
      return versions.values().stream()
          .flatMap(byRevision -> byRevision.values().stream())
          .mapToInt(rate -> rate.getContributions().size())
          .sum();
    }
  }

  /**
   * What the broker acknowledged: the stored offsets to reach and where the records to reject
   * landed.
   */
  record Produced(
      int committed, int aborted, Map<Integer, Long> expectedNext, List<String> badCoordinates) {
    long total() {
      return expectedNext.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Sends the input with a transactional producer (as the exactly-once Streams app writes silver),
   * keyed {@code date/base/quote} over the partitions, {@value #RECORDS_PER_TRANSACTION} records a
   * transaction; one transaction in the middle, full of revisions that would win, is aborted and
   * must leave no trace.
   */
  private static Produced produce(EmbeddedStack stack, Input input) throws Exception {
    Serializer<ConsensusRate> serializer =
        new AvroSerdes(stack.registryUrl()).<ConsensusRate>valueSerde().serializer();
    Properties props = stack.kafkaProperties();
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "exactly-once-under-kill-producer");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
    Map<Integer, Long> next = new TreeMap<>();
    List<String> bad = new ArrayList<>();
    int committed = 0;
    int aborted = 0;
    Map<ConsensusRate, byte[]> encoded = new java.util.IdentityHashMap<>();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
      producer.initTransactions();
      List<Send> sends = input.sends();
      for (int from = 0; from < sends.size(); from += RECORDS_PER_TRANSACTION) {
        List<Send> chunk =
            sends.subList(from, Math.min(sends.size(), from + RECORDS_PER_TRANSACTION));
        producer.beginTransaction();
        List<Future<RecordMetadata>> sent = new ArrayList<>(chunk.size());
        for (Send send : chunk) {
          byte[] value =
              send.raw() != null
                  ? send.raw()
                  : encoded.computeIfAbsent(
                      send.rate(), rate -> serializer.serialize(TopicNames.RATES, rate));
          sent.add(producer.send(new ProducerRecord<>(TopicNames.RATES, send.key().text(), value)));
        }
        producer.commitTransaction();
        for (int i = 0; i < chunk.size(); i++) {
          RecordMetadata metadata = sent.get(i).get();
          next.merge(metadata.partition(), metadata.offset() + 1, Math::max);
          if (chunk.get(i).toReject()) {
            bad.add(metadata.partition() + "@" + metadata.offset());
          }
        }
        committed += chunk.size();
        if (from == 5 * RECORDS_PER_TRANSACTION) {
          aborted += abortedTransaction(producer, serializer, input);
        }
      }
    }
    return new Produced(committed, aborted, next, bad);
  }

  /** 300 newer revisions (and a newer date) that a read_committed consumer must never see. */
  private static int abortedTransaction(
      KafkaProducer<String, byte[]> producer, Serializer<ConsensusRate> serializer, Input input)
      throws Exception {
    List<Key> keys = new ArrayList<>(input.versions().keySet());
    producer.beginTransaction();
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      Key key = keys.get((i * 7919) % keys.size());
      ConsensusRate ghost =
          ConsensusRate.newBuilder(input.versions().get(key).get(1))
              .setRevision(1_000 + i)
              .setRate("999")
              .build();
      sent.add(
          producer.send(
              new ProducerRecord<>(
                  TopicNames.RATES, key.text(), serializer.serialize(TopicNames.RATES, ghost))));
    }
    ConsensusRate future =
        ConsensusRate.newBuilder(input.versions().get(keys.getFirst()).get(1))
            .setDate(FIRST_DAY.plusDays(DAYS + 10))
            .build();
    sent.add(
        producer.send(
            new ProducerRecord<>(
                TopicNames.RATES, "ghost", serializer.serialize(TopicNames.RATES, future))));
    producer.flush();
    for (Future<RecordMetadata> f : sent) {
      f.get();
    }
    producer.abortTransaction();
    return sent.size();
  }

  // --- the sink as a child process ---

  private Process startSink(EmbeddedStack stack, String database, Integer maxPollRecords, Path log)
      throws IOException {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
            java,
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            classpath,
            SinkApp.class.getName());
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> name.startsWith("MAKERATES_") || name.startsWith("KAFKA_"));
    env.putAll(stack.env());
    env.put("MAKERATES_DATABASE_URL", databaseUrl(stack, database));
    env.put("MAKERATES_CONSUMER_GROUP", "sink-" + database);
    env.put("MAKERATES_GOLD_ENABLED", "false");
    env.put("MAKERATES_HTTP_HOST", "127.0.0.1");
    env.put("MAKERATES_HTTP_PORT", "0");
    env.put("MAKERATES_TOPIC_PARTITIONS", Integer.toString(PARTITIONS));
    // a static member: a restarted sink takes its partitions back at once instead of waiting
    // out the session of the member that was killed (45 s by default); the positions still come
    // from sink_offset, not from the group
    env.put("KAFKA_GROUP_INSTANCE_ID", "sink-" + database);
    if (maxPollRecords != null) {
      env.put("KAFKA_MAX_POLL_RECORDS", maxPollRecords.toString());
    }
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process process = builder.start();
    children.add(process);
    LOG.info(
        "sink pid {} started for {} (max.poll.records {}), log {}",
        process.pid(),
        database,
        maxPollRecords == null ? "default" : maxPollRecords,
        log);
    return process;
  }

  /** SIGTERM, as Kubernetes stops a pod; the shutdown hook closes the writer. */
  private static void stop(Process sink) throws InterruptedException {
    sink.destroy();
    if (!sink.waitFor(30, TimeUnit.SECONDS)) {
      LOG.warn("sink pid {} did not stop within 30 s of SIGTERM; killing it", sink.pid());
      sink.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void killChildren() {
    for (Process child : children) {
      if (child.isAlive()) {
        child.destroyForcibly();
        try {
          child.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static void awaitCompletion(
      Connection db, String database, Produced produced, Process sink, Path log, String context) {
    await()
        .atMost(RUN_LIMIT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              assertAlive(sink, log, context);
              return storedOffsets(db, "sink-" + database).equals(produced.expectedNext());
            });
  }

  private static void assertAlive(Process sink, Path log, String context) {
    if (!sink.isAlive()) {
      throw new AssertionError(
          "the sink (pid "
              + sink.pid()
              + ") exited by itself with code "
              + sink.exitValue()
              + "; its output is in "
              + log
              + "; "
              + context
              + "\n"
              + tail(log));
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  private static boolean logContains(Path log, String text) throws IOException {
    return Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text);
  }

  // --- the databases ---

  private static String databaseUrl(EmbeddedStack stack, String database) {
    String url = stack.jdbcUrl();
    return url.substring(0, url.lastIndexOf('/') + 1) + database;
  }

  private static void createDatabase(EmbeddedStack stack, String database) throws SQLException {
    try (Connection c =
            DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + database);
    }
  }

  private static Connection connect(EmbeddedStack stack, String database) throws SQLException {
    return DriverManager.getConnection(
        databaseUrl(stack, database), stack.dbUser(), stack.dbPassword());
  }

  /**
   * partition → next offset stored by the sink; empty until its migrations ran and a batch
   * committed.
   */
  private static Map<Integer, Long> storedOffsets(Connection db, String group) throws SQLException {
    Map<Integer, Long> offsets = new TreeMap<>();
    if (!tableExists(db, "sink_offset")) {
      return offsets;
    }
    try (PreparedStatement st =
        db.prepareStatement(
            "SELECT partition, next_offset FROM sink_offset WHERE consumer_group = ? AND topic = ?")) {
      st.setString(1, group);
      st.setString(2, TopicNames.RATES);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          offsets.put(rs.getInt(1), rs.getLong(2));
        }
      }
    }
    return offsets;
  }

  private static long progress(Connection db, String database) throws SQLException {
    return storedOffsets(db, "sink-" + database).values().stream().mapToLong(Long::longValue).sum();
  }

  private static boolean tableExists(Connection db, String table) throws SQLException {
    try (PreparedStatement st = db.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      st.setString(1, "public." + table);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** Every row of the table rendered with all its columns but the wall-clock ones, sorted. */
  private static List<String> dump(Connection db, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (PreparedStatement st =
        db.prepareStatement(
            "SELECT column_name FROM information_schema.columns "
                + "WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position")) {
      st.setString(1, table);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          if (!WALL_CLOCK_COLUMNS.contains(rs.getString(1))) {
            columns.add(rs.getString(1));
          }
        }
      }
    }
    assertThat(columns).as("columns of %s", table).isNotEmpty();
    String rendering =
        columns.stream()
            .map(c -> "coalesce(" + c + "::text, '<null>')")
            .collect(Collectors.joining(" || '|' || "));
    List<String> rows = rows(db, "SELECT " + rendering + " FROM " + table);
    Collections.sort(rows);
    return rows;
  }

  /**
   * The same rows with the same multiplicity; a failure shows the first 20 rows missing and the
   * first 20 unexpected.
   */
  private static void assertSameRows(
      Collection<String> actual, Collection<String> expected, String what, String context) {
    List<String> missing = difference(expected, actual);
    List<String> unexpected = difference(actual, expected);
    assertThat(missing.subList(0, Math.min(20, missing.size())))
        .as(
            "%s: %d of %d expected row(s) missing (first 20 shown), %s",
            what, missing.size(), expected.size(), context)
        .isEmpty();
    assertThat(unexpected.subList(0, Math.min(20, unexpected.size())))
        .as("%s: %d unexpected row(s) (first 20 shown), %s", what, unexpected.size(), context)
        .isEmpty();
  }

  /** The rows of {@code from} that {@code other} lacks, as multisets, sorted. */
  private static List<String> difference(Collection<String> from, Collection<String> other) {
    Map<String, Integer> remaining = new HashMap<>();
    other.forEach(row -> remaining.merge(row, 1, Integer::sum));
    List<String> missing = new ArrayList<>();
    for (String row : from) {
      if (remaining.merge(row, -1, Integer::sum) < 0) {
        missing.add(row);
      }
    }
    Collections.sort(missing);
    return missing;
  }

  // --- Kafka reads ---

  /**
   * How many committed silver records a read_committed consumer finds from the stored offsets on:
   * zero means the sink reached the end (the end offsets themselves sit one further, past the last
   * transaction marker).
   */
  private static int unreadAfter(EmbeddedStack stack, Map<Integer, Long> stored) {
    Properties props = stack.kafkaProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      for (int p = 0; p < PARTITIONS; p++) {
        partitions.add(new TopicPartition(TopicNames.RATES, p));
      }
      consumer.assign(partitions);
      partitions.forEach(tp -> consumer.seek(tp, stored.getOrDefault(tp.partition(), 0L)));
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      LOG.info("end offsets {} against stored offsets {}", end, stored);
      int unread = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        unread += consumer.poll(Duration.ofMillis(200)).count();
      }
      assertThat(partitions).allMatch(tp -> consumer.position(tp) >= end.get(tp));
      return unread;
    }
  }

  /**
   * partition@offset of each silver record in fx.rejected.v1 (written by the sink) → how many
   * rejections name it.
   */
  private static Map<String, Integer> rejections(EmbeddedStack stack) {
    Properties props = stack.kafkaProperties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    AvroSerdes serdes = new AvroSerdes(stack.registryUrl());
    Map<String, Integer> counts = new TreeMap<>();
    try (KafkaConsumer<String, Rejection> consumer =
        new KafkaConsumer<>(
            props, new StringDeserializer(), serdes.<Rejection>valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TopicNames.REJECTED).stream()
              .map(p -> new TopicPartition(TopicNames.REJECTED, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, Rejection> r : consumer.poll(Duration.ofMillis(200))) {
          if (TopicNames.RATES.equals(r.value().getInputTopic())) {
            counts.merge(
                r.value().getInputPartition() + "@" + r.value().getInputOffset(), 1, Integer::sum);
          }
        }
      }
    }
    return counts;
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
