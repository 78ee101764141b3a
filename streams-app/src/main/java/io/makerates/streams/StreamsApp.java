package io.makerates.streams;

import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicLayout;
import io.makerates.runtime.kafka.TopicProvisioner;
import io.makerates.runtime.ops.AppRunner;
import io.makerates.runtime.ops.HealthChecks;
import io.makerates.runtime.ops.KafkaMetricsRefresh;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates bronze answers, rebases them to EUR and decides the consensus rate per pair and day.
 */
public final class StreamsApp {

  /**
   * The live app's exactly-once commit interval unless MAKERATES_COMMIT_INTERVAL says otherwise.
   */
  static final Duration COMMIT_INTERVAL = Duration.ofMillis(25);

  /**
   * Raw records Kafka Streams could not deserialize or process (KIP-1034); not Rejection Avro,
   * hence a topic of its own.
   */
  public static final String DEAD_LETTER_TOPIC = "fx.streams.dlq.v1";

  private static final Logger LOG = LoggerFactory.getLogger(StreamsApp.class);

  private StreamsApp() {}

  public static void main(String[] args) {
    AppRunner.run("streams-app", StreamsApp::start);
  }

  /**
   * Reads every setting the app reads at start, so that a launcher running it beside others can
   * refuse a bad value before anything starts.
   *
   * @throws io.makerates.runtime.config.ConfigException naming the variable
   */
  public static void checkSettings(Settings settings) {
    streamsProperties(settings);
    registryUrl(settings);
    RatesSettings.from(settings);
    topics(settings);
  }

  public static AutoCloseable start(
      Settings settings, PrometheusMeterRegistry metrics, HealthChecks health) {
    Properties props = streamsProperties(settings);
    AvroSerdes avro = new AvroSerdes(registryUrl(settings));
    RatesSerdes serdes = RatesSerdes.registry(avro);
    Topology topology = RatesTopology.build(serdes, RatesSettings.from(settings));

    TopicProvisioner.ensure(settings.kafkaProperties(), topics(settings));
    // beside the start of Kafka Streams (joining the group, opening the stores), through the
    // topology's own serdes, which producers share between threads anyway; ready once done
    CompletableFuture<List<String>> warmed =
        CompletableFuture.supplyAsync(
            () -> SchemaWarmup.warm(serdes, props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)),
            task -> {
              Thread thread = new Thread(task, "schema-warmup");
              thread.setDaemon(true);
              thread.start();
            });
    health.add(
        "schemas",
        () ->
            warmed.isDone()
                ? HealthChecks.Check.up()
                : HealthChecks.Check.down("resolving the topology's schemas in the registry"));

    KafkaStreams streams = new KafkaStreams(topology, props);
    streams.setUncaughtExceptionHandler(StreamsApp::onThreadFailure);
    KafkaMetricsRefresh refresh = new KafkaMetricsRefresh(Duration.ofSeconds(5));
    KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams, List.of(), refresh);
    streamsMetrics.bindTo(metrics);
    health.add(
        "streams",
        () -> {
          KafkaStreams.State state = streams.state();
          return state == KafkaStreams.State.RUNNING
              ? HealthChecks.Check.up()
              : HealthChecks.Check.down("state " + state);
        });
    health.addLiveness("streams", () -> liveness(streams));
    // Never cleanUp(): local state is rebuilt from the changelog only when it is really gone.
    streams.start();
    LOG.info("streams-app started as {}", props.getProperty(StreamsConfig.APPLICATION_ID_CONFIG));
    return () -> {
      // leave the group at once: the next instance (or a replay) gets the partitions without
      // waiting for a session timeout
      streams.close(
          CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
              .withTimeout(Duration.ofSeconds(30)));
      streamsMetrics.close();
      refresh.shutdownNow();
    };
  }

  private static String registryUrl(Settings settings) {
    return settings.required(
        "registry.url", "the schema registry URL, e.g. http://registry:8080/apis/registry/v3");
  }

  /**
   * A stream thread that fails stops the client: it goes to ERROR, liveness fails, and the pod is
   * restarted.
   */
  static StreamThreadExceptionResponse onThreadFailure(Throwable e) {
    LOG.error(
        "stream thread failed; stopping the client (liveness turns down, so the app is restarted)",
        e);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  /**
   * Alive while the client is starting, rebalancing or running with at least one stream thread. In
   * ERROR (a thread failed), shutting down without being asked, or left without a thread, it cannot
   * recover by itself: a restart rebuilds it from its local state and the changelogs.
   */
  static HealthChecks.Check liveness(KafkaStreams streams) {
    KafkaStreams.State state = streams.state();
    return switch (state) {
      case ERROR, PENDING_ERROR, PENDING_SHUTDOWN, NOT_RUNNING ->
          HealthChecks.Check.down("state " + state);
      case RUNNING, REBALANCING ->
          streams.metadataForLocalThreads().isEmpty()
              ? HealthChecks.Check.down("no stream thread alive")
              : HealthChecks.Check.up();
      default -> HealthChecks.Check.up();
    };
  }

  /** Every {@code KAFKA_*} variable passed through, then the settings this app owns. */
  public static Properties streamsProperties(Settings settings) {
    Properties props = settings.kafkaProperties();
    settings.bootstrapServers();
    props.put(
        StreamsConfig.APPLICATION_ID_CONFIG,
        settings.string("application.id", "makerates-streams"));
    props.put(
        StreamsConfig.STATE_DIR_CONFIG,
        settings
            .path(
                "state.dir",
                Path.of(System.getProperty("java.io.tmpdir"), "makerates-streams").toString())
            .toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // under exactly-once, output becomes visible at commit, and an answer crosses two commits on
    // its way to silver (its observations, then its rates), the second a whole interval after the
    // first: Kafka's 100 ms put the steady bronze-to-silver latency at 230-270 ms. A commit costs
    // only when something was processed, so a live app can afford a short one; a replay commits
    // every 2 s (ReplayRun)
    props.put(
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
        Long.toString(settings.duration("commit.interval", COMMIT_INTERVAL).toMillis()));
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor(settings));
    props.put(
        StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.integer("stream.threads", 1, 1, 64));
    // a warm copy of the consensus state on another instance: a rescheduled pod's tasks move
    // there at once instead of restoring the whole changelog into an empty state directory
    props.put(
        StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG,
        settings.integer("stream.standby.replicas", 0, 0, 8));
    // every store within one RocksDB budget instead of ~100 MB each (RocksDbMemory)
    props.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, RocksDbMemory.class.getName());
    props.put(
        RocksDbMemory.BUDGET_CONFIG,
        Long.toString(
            (long) settings.integer("stream.rocksdb.memory", RocksDbMemory.DEFAULT_MIB, 8, 65_536)
                << 20));
    props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, DEAD_LETTER_TOPIC);
    props.put(
        StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueExceptionHandler.class.getName());
    props.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        LogAndContinueProcessingExceptionHandler.class.getName());
    // the default from Kafka 5.0 on; without it every start warns (the topology has no global store
    // anyway). The partition assignor reads a copy of the configuration made from the main
    // consumer's, which keeps only consumer settings and prefixed ones: it needs the setting too.
    props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
    props.put(
        StreamsConfig.mainConsumerPrefix(
            StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG),
        true);
    return props;
  }

  /**
   * The contract topics and the dead-letter topic, as the app creates them when they are missing.
   */
  public static List<NewTopic> topics(Settings settings) {
    int partitions = TopicLayout.from(settings).partitions();
    short replication = TopicLayout.from(settings).replication();
    List<NewTopic> topics =
        new ArrayList<>(TopicProvisioner.contractTopics(partitions, replication));
    topics.add(
        new NewTopic(DEAD_LETTER_TOPIC, partitions, replication)
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE)));
    return topics;
  }

  private static int replicationFactor(Settings settings) {
    return TopicLayout.from(settings).replication();
  }
}
