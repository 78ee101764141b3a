package io.makerates.streams.replay;

import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.kafka.TopicProvisioner;
import io.makerates.runtime.kafka.Topics;
import io.makerates.schema.RateObservations;
import io.makerates.schema.Rejection;
import io.makerates.streams.RatesSerdes;
import io.makerates.streams.RatesSettings;
import io.makerates.streams.RatesTopology;
import io.makerates.streams.StreamsApp;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * One replay: bronze from its start through the current rules into silver, then (when a database is
 * configured) waits until the sink has stored every silver record and gold is quiet, and prints a
 * summary.
 *
 * <p>It uses Kafka Streams' own means: the streams application's bronze positions are moved back to
 * the start through the Admin API while the application is stopped, then the same topology runs
 * under the same application id, so the consensus state it kept is the base the replay is compared
 * with. An answer already folded in, read again under the same rules, changes nothing; under other
 * rules its day is decided again and only pairs whose value, status, flags or voices changed get a
 * new revision. A replay stopped or killed midway and started again resets again and ends the same:
 * every step is idempotent.
 */
public final class ReplayRun {

  /**
   * Client id of the replay's Kafka Streams: members with it that a killed replay left behind are
   * removed.
   */
  public static final String CLIENT_ID = "makerates-replay";

  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(2);

  /** The replay's exactly-once commit interval unless MAKERATES_COMMIT_INTERVAL says otherwise. */
  static final Duration REPLAY_COMMIT_INTERVAL = Duration.ofSeconds(2);

  private final Settings settings;
  private final PrintStream out;
  private final Duration timeout;

  public ReplayRun(Settings settings, PrintStream out, Duration timeout) {
    this.settings = settings;
    this.out = out;
    this.timeout = timeout;
  }

  /** Exit code: 0 done, 1 did not finish in time, 2 refused to start. */
  public int run() throws Exception {
    long started = System.nanoTime();
    String appId = settings.string("application.id", "makerates-streams");
    RatesSettings rules = RatesSettings.from(settings);
    Properties kafka = settings.kafkaProperties();
    Topics topics =
        new Topics(new AvroSerdes(settings.required("registry.url", "the schema registry URL")));
    StarSchemaProbe star =
        settings
            .optional("database.url")
            .map(
                url ->
                    new StarSchemaProbe(
                        url,
                        settings.string("database.user", "makerates"),
                        settings.string("database.password", "")))
            .orElse(null);
    TopicProvisioner.ensure(kafka, StreamsApp.topics(settings));

    try (TopicPositions positions = new TopicPositions(kafka)) {
      Collection<MemberDescription> members = positions.members(appId);
      if (!members.isEmpty()) {
        if (members.stream().allMatch(m -> m.clientId().startsWith(CLIENT_ID))) {
          out.printf(
              "removing %d member(s) a stopped replay left in group %s%n", members.size(), appId);
          positions.removeMembers(appId);
        } else {
          out.printf(
              "replay refused: streams-app is running as %s (%s). Stop it first (in Kubernetes: scale the "
                  + "streams-app Deployment to 0), run the replay, then start it again.%n",
              appId, members.stream().map(m -> m.clientId() + m.host()).distinct().toList());
          return 2;
        }
      }
      Map<TopicPartition, Long> bronzeStart = positions.start(TopicNames.BRONZE);
      Map<TopicPartition, Long> bronzeEnd = positions.end(TopicNames.BRONZE);
      long bronzeRecords = positions.scan(bronzeStart, bronzeEnd, r -> {});
      Map<TopicPartition, Long> observationsStart = positions.end(TopicNames.OBSERVATIONS);
      Map<TopicPartition, Long> ratesStart = positions.end(TopicNames.RATES);
      Map<TopicPartition, Long> rejectedStart = positions.end(TopicNames.REJECTED);
      Map<TopicPartition, Long> goldStart = positions.end(TopicNames.GOLD);
      out.printf(
          "replay of %s: %,d bronze records from the start, dates %s to %s, through the current rules%s%n",
          appId,
          bronzeRecords,
          rules.replay().from() == null ? "any" : rules.replay().from(),
          rules.replay().to() == null ? "any" : rules.replay().to(),
          rules.replay().republish() ? ", republishing every pair" : "");

      positions.reset(appId, bronzeStart);
      out.printf("bronze positions of %s reset to the start; Kafka Streams starting%n", appId);
      Properties props = StreamsApp.streamsProperties(settings);
      props.put(StreamsConfig.CLIENT_ID_CONFIG, CLIENT_ID);
      if (settings.optional("commit.interval").isEmpty()) {
        // a replay is about throughput, not latency: fewer exactly-once commits (each one waits for
        // the broker)
        props.put(
            StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
            Long.toString(REPLAY_COMMIT_INTERVAL.toMillis()));
      }
      props.putIfAbsent(StreamsConfig.producerPrefix("batch.size"), Integer.toString(256 * 1024));
      props.putIfAbsent(StreamsConfig.producerPrefix("linger.ms"), "50");
      KafkaStreams streams =
          new KafkaStreams(
              RatesTopology.build(
                  RatesSerdes.registry(
                      new AvroSerdes(settings.required("registry.url", "the schema registry URL"))),
                  rules),
              props);
      long deadline = started + timeout.toNanos();
      try {
        streams.start();
        double span = Math.max(1, TopicPositions.sum(bronzeEnd) - TopicPositions.sum(bronzeStart));
        PairRates counted = new PairRates(topics, observationsStart);
        boolean done =
            waitFor(
                deadline,
                () -> {
                  if (streams.state() == KafkaStreams.State.ERROR
                      || streams.state() == KafkaStreams.State.NOT_RUNNING) {
                    throw new IllegalStateException(
                        "the replay's Kafka Streams stopped: " + streams.state());
                  }
                  Map<TopicPartition, Long> committed =
                      positions.committed(appId, TopicNames.BRONZE);
                  return positions.reached(committed, bronzeEnd)
                      && positions.reached(
                          positions.committed(appId, TopicNames.OBSERVATIONS),
                          positions.end(TopicNames.OBSERVATIONS));
                },
                elapsed -> {
                  double share =
                      Math.min(
                          1,
                          (TopicPositions.sum(positions.committed(appId, TopicNames.BRONZE))
                                  - TopicPositions.sum(bronzeStart))
                              / span);
                  long records = Math.round(share * bronzeRecords);
                  double seconds = Math.max(0.001, elapsed.toMillis() / 1000.0);
                  long rates = counted.upTo(positions, positions.end(TopicNames.OBSERVATIONS));
                  return String.format(
                      "streams: bronze %,d of %,d records (%.0f %%), %,.0f observations/s%s",
                      records,
                      bronzeRecords,
                      share * 100,
                      rates / seconds,
                      share > 0 && share < 1
                          ? String.format(
                              ", about %d s left", Math.round(seconds * (1 - share) / share))
                          : "");
                });
        if (!done) {
          out.println(
              "replay stopped: not finished within " + timeout + "; run it again to resume");
          return 1;
        }
      } finally {
        // leave the group at once, so the streams-app started after the replay gets its
        // partitions without waiting
        streams.close(
            CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
      }
      out.printf("streams: done after %.1f s%n", seconds(started));

      Map<TopicPartition, Long> ratesEnd = positions.end(TopicNames.RATES);
      Map<TopicPartition, Long> goldEnd = goldStart;
      if (star != null) {
        String sinkGroup = settings.string("consumer.group", "makerates-sink");
        SinkProgress sink =
            new SinkProgress(positions.scan(ratesStart, ratesEnd, r -> {}), ratesStart, ratesEnd);
        boolean stored =
            waitFor(
                deadline,
                () -> positions.reached(star.storedOffsets(sinkGroup, TopicNames.RATES), ratesEnd),
                elapsed ->
                    sink.line(star.storedOffsets(sinkGroup, TopicNames.RATES), System.nanoTime()));
        if (!stored) {
          out.println(
              "replay stopped: the sink did not store the replay's silver records within "
                  + timeout);
          return 1;
        }
        goldEnd = quiet(positions, deadline);
      } else {
        out.println(
            "no MAKERATES_DATABASE_URL: not waiting for the sink; the summary leaves the star schema out");
      }
      summary(
          positions,
          topics,
          star,
          started,
          bronzeRecords,
          observationsStart,
          ratesStart,
          ratesEnd,
          rejectedStart,
          goldStart,
          goldEnd);
      return 0;
    }
  }

  /**
   * Gold is quiet when its end stays put for 3 s after the sink stored everything (Debezium
   * publishes after commit).
   */
  private Map<TopicPartition, Long> quiet(TopicPositions positions, long deadline)
      throws InterruptedException {
    Map<TopicPartition, Long> last = positions.end(TopicNames.GOLD);
    long stableSince = System.nanoTime();
    while (System.nanoTime() - stableSince < Duration.ofSeconds(3).toNanos()
        && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(250);
      Map<TopicPartition, Long> now = positions.end(TopicNames.GOLD);
      if (!now.equals(last)) {
        last = now;
        stableSince = System.nanoTime();
      }
    }
    return last;
  }

  private interface Condition {
    boolean met() throws Exception;
  }

  private interface Progress {
    String line(Duration elapsed) throws Exception;
  }

  private boolean waitFor(long deadline, Condition condition, Progress progress) throws Exception {
    long begun = System.nanoTime();
    long nextLine = begun + PROGRESS_EVERY.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.met()) {
        return true;
      }
      if (System.nanoTime() >= nextLine) {
        out.println(progress.line(Duration.ofNanos(System.nanoTime() - begun)));
        nextLine = System.nanoTime() + PROGRESS_EVERY.toNanos();
      }
      TimeUnit.MILLISECONDS.sleep(200);
    }
    return false;
  }

  private void summary(
      TopicPositions positions,
      Topics topics,
      StarSchemaProbe star,
      long started,
      long bronzeRecords,
      Map<TopicPartition, Long> observationsStart,
      Map<TopicPartition, Long> ratesStart,
      Map<TopicPartition, Long> ratesEnd,
      Map<TopicPartition, Long> rejectedStart,
      Map<TopicPartition, Long> goldStart,
      Map<TopicPartition, Long> goldEnd)
      throws SQLException {
    PairRates observed = new PairRates(topics, observationsStart);
    long pairObservations = observed.upTo(positions, positions.end(TopicNames.OBSERVATIONS));
    long answers = observed.answers();
    long silver = positions.scan(ratesStart, ratesEnd, r -> {});
    Map<String, Long> rejections = new TreeMap<>();
    positions.scan(
        rejectedStart,
        positions.end(TopicNames.REJECTED),
        r -> {
          Rejection rejection =
              topics.rejected.valueSerde().deserializer().deserialize(r.topic(), r.value());
          rejections.merge(rejection.getStage() + " " + rejection.getReasonCode(), 1L, Long::sum);
        });
    long gold = positions.scan(goldStart, goldEnd, r -> {});
    double took = seconds(started);
    out.println("replay done in " + String.format("%.1f s", took));
    out.printf("  bronze records read      %,d%n", bronzeRecords);
    out.printf(
        "  observations             %,d answers, %,d pair rates (%,.0f per second)%n",
        answers, pairObservations, pairObservations / Math.max(0.001, took));
    out.printf(
        "  silver rates published   %,d (%s)%n",
        silver,
        star == null || !RatesSettings.from(settings).replay().republish()
            ? "only pairs whose value, status, flags or voices changed"
            : "every pair, republished");
    if (rejections.isEmpty()) {
      out.println("  rejections               none");
    } else {
      rejections.forEach((reason, n) -> out.printf("  rejected %-22s %,d%n", reason, n));
    }
    out.printf("  gold records published   %,d%n", gold);
    if (star != null) {
      StarSchemaProbe.Tables t = star.tables();
      out.printf(
          "  fact_rate                %,d rows, checksum %s%n", t.factRows(), t.factChecksum());
      out.printf("  fact_rate_revision       %,d rows%n", t.historyRows());
      out.printf("  fact_rate_contribution   %,d rows%n", t.lineageRows());
      out.printf("  latest_rate              %,d rows%n", t.latestRows());
    }
  }

  /**
   * Counts what the replay published to the observations topic: answers, and the pair rates in
   * them.
   */
  private static final class PairRates {
    private final Topics topics;
    private Map<TopicPartition, Long> from;
    private long answers;
    private long rates;

    PairRates(Topics topics, Map<TopicPartition, Long> from) {
      this.topics = topics;
      this.from = from;
    }

    /** Reads on to {@code end}; the pair rates counted so far. */
    long upTo(TopicPositions positions, Map<TopicPartition, Long> end) {
      answers +=
          positions.scan(
              from,
              end,
              r -> {
                RateObservations o =
                    topics
                        .observations
                        .valueSerde()
                        .deserializer()
                        .deserialize(r.topic(), r.value());
                rates += o.getRates().size();
              });
      from = end;
      return rates;
    }

    long answers() {
      return answers;
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
