package io.makerates.runtime.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** Named readiness checks; the app is ready only when every check passes. */
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

  public HealthChecks add(String name, Supplier<Check> check) {
    checks.put(name, check);
    return this;
  }

  public Map<String, Check> evaluate() {
    Map<String, Check> results = new LinkedHashMap<>();
    checks.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
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
