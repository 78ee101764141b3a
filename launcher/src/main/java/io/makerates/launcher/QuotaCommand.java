package io.makerates.launcher;

import io.makerates.extractor.SourceConfig;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.TopicNames;
import io.makerates.runtime.kafka.Topics;
import io.makerates.schema.QuotaUsage;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import picocli.CommandLine.Command;

/**
 * {@code bin/makerates quota}: the quota ledger as the extractor keeps it in {@code
 * fx.extractor.quota.v1}, the newest count of every source and period, with the configured limits
 * and what is left of the current period.
 */
@Command(
    name = "quota",
    mixinStandardHelpOptions = true,
    description = {
      "Print the quota ledger: requests counted per source and quota period, the limit, and what is left"
          + " of the current period.",
      "Exit code 0: printed; 2: no services."
    })
final class QuotaCommand extends ReadingCommand {

  private final Clock clock;

  QuotaCommand() {
    super();
    this.clock = Clock.systemUTC();
  }

  QuotaCommand(
      Supplier<Map<String, String>> environment, PrintStream out, PrintStream err, Clock clock) {
    super(environment, out, err, false);
    this.clock = clock;
  }

  @Override
  int read() throws Services.Unreachable {
    Services services = services(false);
    List<SourceConfig> sources = Services.configuredSources(services.sourceEnv());
    Map<String, QuotaUsage> newest = new TreeMap<>();
    try (TopicCounter topic = new TopicCounter(services.bootstrapServers())) {
      topic.values(
          TopicNames.QUOTA,
          new Topics(new AvroSerdes(services.registryUrl())).quota.valueSerde().deserializer(),
          (QuotaUsage u) -> {
            if (u != null) {
              newest.merge(
                  u.getSourceId() + "/" + u.getPeriod(),
                  u,
                  (a, b) -> b.getUsed() >= a.getUsed() ? b : a);
            }
          });
    }
    out.printf(
        "%-18s %-6s %-18s %8s %8s %8s  %s%n",
        "SOURCE", "QUOTA", "PERIOD", "USED", "LIMIT", "LEFT", "UPDATED");
    for (SourceConfig source : sources) {
      if (source.quota() == null) {
        out.printf(
            "%-18s %-6s %s%n",
            source.id(), "none", "not limited by a quota (its rate limit still applies)");
        continue;
      }
      String current = source.quota().periodOf(clock.instant());
      QuotaUsage now = newest.get(source.id() + "/" + current);
      long used = now == null ? 0 : now.getUsed();
      out.printf(
          "%-18s %-6s %-18s %8d %8d %8d  %s%n",
          source.id(),
          source.quota().period().name().toLowerCase(),
          current + " (now)",
          used,
          source.quota().limit(),
          Math.max(0, source.quota().limit() - used),
          now == null ? "no request counted yet" : now.getUpdatedAt());
      newest.forEach(
          (key, u) -> {
            if (u.getSourceId().equals(source.id()) && !u.getPeriod().equals(current)) {
              out.printf(
                  "%-18s %-6s %-18s %8d %8s %8s  %s%n",
                  "",
                  "",
                  u.getPeriod(),
                  u.getUsed(),
                  u.getLimit() == null ? "-" : u.getLimit(),
                  "",
                  u.getUpdatedAt());
            }
          });
    }
    newest.values().stream()
        .filter(u -> sources.stream().noneMatch(s -> s.id().equals(u.getSourceId())))
        .forEach(
            u ->
                out.printf(
                    "%-18s %-6s %-18s %8d %8s %8s  %s (not configured now)%n",
                    u.getSourceId(),
                    "",
                    u.getPeriod(),
                    u.getUsed(),
                    u.getLimit() == null ? "-" : u.getLimit(),
                    "",
                    u.getUpdatedAt()));
    return 0;
  }
}
