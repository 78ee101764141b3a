package io.makerates.launcher;

import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.kafka.Topics;
import io.makerates.schema.GoldRate;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/makerates gold}: the gold topic as a downstream consumer reads it, decoded by the
 * registry's schema: the key {@code BASE/QUOTE}, the value's fields with the logical types as what
 * they mean ({@code date} a calendar day, {@code updatedAt} an instant), and tombstones.
 */
@Command(
    name = "gold",
    mixinStandardHelpOptions = true,
    description = {
      "Print the gold topic's records as a consumer sees them, from its start; --follow keeps printing new"
          + " ones until Ctrl-C.",
      "Exit code 0: read; 2: no services."
    })
final class GoldCommand extends ReadingCommand {

  @Option(names = "--follow", description = "Keep reading and print records as they arrive.")
  boolean follow;

  @Option(
      names = "--pair",
      paramLabel = "BASE/QUOTE",
      description = "Only this pair's records, e.g. EUR/USD.")
  String pair;

  GoldCommand() {
    super();
  }

  GoldCommand(Supplier<Map<String, String>> environment, PrintStream out, PrintStream err) {
    super(environment, out, err, false);
  }

  @Override
  int read() throws Services.Unreachable {
    String only = pair == null ? null : pair.toUpperCase(Locale.ROOT);
    Services services = services(false);
    Topics topics = new Topics(new AvroSerdes(services.registryUrl()));
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, services.bootstrapServers());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    try (KafkaConsumer<String, GoldRate> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), topics.gold.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TopicNames.GOLD, Duration.ofSeconds(10)).stream()
              .map(i -> new TopicPartition(TopicNames.GOLD, i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      long records = 0;
      Set<String> keys = new HashSet<>();
      while (follow || partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, GoldRate> r : consumer.poll(Duration.ofMillis(500))) {
          if (only == null || only.equals(r.key())) {
            out.println(line(r));
            records++;
            keys.add(r.key());
          }
        }
      }
      out.printf(
          "%d record(s), %d pair(s)%s%n",
          records,
          keys.size(),
          records > keys.size()
              ? "; compaction keeps only the newest record of each pair in time"
              : "");
      return 0;
    }
  }

  static String line(ConsumerRecord<String, GoldRate> r) {
    GoldRate g = r.value();
    String at = "p" + r.partition() + "@" + r.offset();
    if (g == null) {
      return String.format(
          "%-8s %-9s tombstone: the pair was deleted from latest_rate", r.key(), at);
    }
    return String.format(
        "%-8s %-9s date=%s rate=%s status=%s sources=%d spreadBps=%s revision=%d derived=%s flags=%s"
            + " updatedAt=%s",
        r.key(),
        at,
        g.getDate(),
        g.getRate(),
        g.getStatus(),
        g.getSourceCount(),
        g.getSpreadBps() == null ? "-" : g.getSpreadBps(),
        g.getRevision(),
        g.getDerived(),
        g.getFlags(),
        g.getUpdatedAt());
  }
}
