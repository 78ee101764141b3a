package io.makerates.streams.reset;

import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reset [--yes]}: forgets what streams-app has decided, through Kafka's Admin API: its
 * consumer group (the bronze positions) and its internal topics (the consensus and history state's
 * changelogs, the repartition topic). The next start reads bronze from its beginning with empty
 * state, as a new deployment would. Without {@code --yes} it only lists what it would delete.
 *
 * <p>This is not how rules are changed: {@code replay} does that and keeps the revision history. A
 * reset restarts every pair at revision 1, so it belongs with a sink writing into a new, empty
 * database (an incompatible state layout, a state that cannot be trusted any more). It refuses
 * while streams-app runs. Exit code 0 done (or listed), 2 refused.
 */
@Command(
    name = "reset",
    mixinStandardHelpOptions = true,
    description =
        "Delete streams-app's consumer group and internal topics, so that its next start reads"
            + " bronze from the beginning with empty state. Lists only, unless --yes.")
public final class ResetCommand implements Callable<Integer> {

  @Option(names = "--yes", description = "delete; without it the command only lists")
  boolean yes;

  private final Supplier<Map<String, String>> environment;
  private final PrintStream out;

  public ResetCommand(Supplier<Map<String, String>> environment, PrintStream out) {
    this.environment = environment;
    this.out = out;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ResetCommand(System::getenv, System.out)).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    Settings settings;
    String appId;
    Properties kafka;
    try {
      settings = new Settings(environment.get());
      settings.bootstrapServers();
      appId = settings.string("application.id", "makerates-streams");
      kafka = settings.kafkaProperties();
    } catch (ConfigException e) {
      out.println("reset refused: " + e.getMessage());
      return 2;
    }
    try (Admin admin = Admin.create(kafka)) {
      int members = members(admin, appId);
      if (members > 0) {
        out.println(
            "reset refused: application "
                + appId
                + " has "
                + members
                + " running member(s); stop streams-app first"
                + " (kubectl scale deployment/streams-app --replicas=0)");
        return 2;
      }
      SortedSet<String> internal = internalTopics(admin, appId);
      out.println("application " + appId + ":");
      out.println("  consumer group " + appId + (members < 0 ? " (none)" : ""));
      internal.forEach(t -> out.println("  internal topic " + t));
      if (!yes) {
        out.println("listed only; run again with --yes to delete these");
        return 0;
      }
      if (members == 0) {
        deleteGroup(admin, appId);
      }
      if (!internal.isEmpty()) {
        deleteTopics(admin, internal);
      }
      out.println(
          "reset done: the consumer group and "
              + internal.size()
              + " internal topic(s) deleted; the next start of streams-app reads bronze from its"
              + " beginning with empty state");
      return 0;
    } catch (ExecutionException e) {
      out.println("reset failed: " + e.getCause().getMessage());
      return 2;
    }
  }

  /** Members of the group; -1 when there is no such group. */
  private static int members(Admin admin, String group)
      throws InterruptedException, ExecutionException {
    try {
      ConsumerGroupDescription d =
          admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
      return d.groupState() == org.apache.kafka.common.GroupState.DEAD ? -1 : d.members().size();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return -1;
      }
      throw e;
    }
  }

  /**
   * Kafka Streams names its internal topics {@code <application id>-<name>-changelog|repartition}.
   */
  static SortedSet<String> internalTopics(Admin admin, String appId)
      throws InterruptedException, ExecutionException {
    SortedSet<String> internal = new TreeSet<>();
    for (String topic : admin.listTopics().names().get()) {
      if (topic.startsWith(appId + "-")
          && (topic.endsWith("-changelog") || topic.endsWith("-repartition"))) {
        internal.add(topic);
      }
    }
    return internal;
  }

  private static void deleteGroup(Admin admin, String group)
      throws InterruptedException, ExecutionException {
    try {
      admin.deleteConsumerGroups(List.of(group)).all().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupNotEmptyException) {
        throw new ExecutionException(
            new IllegalStateException("a member joined group " + group + " meanwhile: stop it"));
      }
      if (!(e.getCause() instanceof GroupIdNotFoundException)) {
        throw e;
      }
    }
  }

  private static void deleteTopics(Admin admin, SortedSet<String> topics)
      throws InterruptedException, ExecutionException {
    try {
      admin.deleteTopics(topics).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
        throw e;
      }
    }
  }
}
