package io.makerates.runtime.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Named checks. Readiness: the app is ready only when every readiness check passes (take no
 * traffic, keep running). Liveness: the app is alive unless a liveness check fails, which means it
 * cannot recover by itself (a Streams client in ERROR, a consumer loop that stopped) and should be
 * restarted. Started: it has been ready once, so a slow start (restoring state) is told apart from
 * a hang.
 */
public final class HealthChecks {

  /** The outcome of one check, with a short reason when it fails. */
  public record Check(boolean ok, String detail) {
    public static Check up() {
      return new Check(true, "ok");
    }

    public static Check down(String detail) {
      return new Check(false, detail);
    }
  }

  private final Map<String, Supplier<Check>> checks = new ConcurrentHashMap<>();
  private final Map<String, Supplier<Check>> liveness = new ConcurrentHashMap<>();
  private volatile boolean started;

  /** A readiness check. */
  public HealthChecks add(String name, Supplier<Check> check) {
    checks.put(name, check);
    return this;
  }

  /** A liveness check: down only when the app cannot recover without a restart. */
  public HealthChecks addLiveness(String name, Supplier<Check> check) {
    liveness.put(name, check);
    return this;
  }

  /** The readiness checks' results, by name. */
  public Map<String, Check> evaluate() {
    Map<String, Check> results = run(checks);
    if (!results.isEmpty() && results.values().stream().allMatch(Check::ok)) {
      started = true;
    }
    return results;
  }

  /** The liveness checks' results, by name. */
  public Map<String, Check> evaluateLiveness() {
    return run(liveness);
  }

  /** Alive unless a liveness check fails. */
  public boolean alive() {
    return evaluateLiveness().values().stream().allMatch(Check::ok);
  }

  /** Whether the app has been ready at least once. */
  public boolean started() {
    return started || ready();
  }

  private static Map<String, Check> run(Map<String, Supplier<Check>> checks) {
    Map<String, Check> results = new LinkedHashMap<>();
    checks.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e -> {
              Check result;
              try {
                result = e.getValue().get();
              } catch (RuntimeException ex) {
                result = Check.down(ex.getClass().getSimpleName() + ": " + ex.getMessage());
              }
              results.put(e.getKey(), result);
            });
    return results;
  }

  public boolean ready() {
    return !checks.isEmpty() && evaluate().values().stream().allMatch(Check::ok);
  }
}
