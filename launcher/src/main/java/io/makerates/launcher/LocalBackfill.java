package io.makerates.launcher;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment {@code bin/makerates backfill} runs with: the running local stack's addresses and
 * sources (the offline stub when it runs offline), with anything set in the shell taking
 * precedence. Without a local stack the shell's environment must name the cluster
 * (KAFKA_BOOTSTRAP_SERVERS, MAKERATES_REGISTRY_URL).
 */
final class LocalBackfill {

  private LocalBackfill() {}

  static Map<String, String> environment() {
    Map<String, String> env = new HashMap<>();
    LocalStack.running(LocalStack.defaultDataDir())
        .ifPresent(stack -> env.putAll(stack.clientEnv()));
    env.putAll(System.getenv());
    return env;
  }
}
