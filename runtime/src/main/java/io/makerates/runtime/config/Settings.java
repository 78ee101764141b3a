package io.makerates.runtime.config;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configuration of an app, read from environment variables the Kubernetes way: {@code
 * KAFKA_BOOTSTRAP_SERVERS=...} becomes the Kafka client property {@code bootstrap.servers}, {@code
 * MAKERATES_REGISTRY_URL=...} the app setting {@code registry.url}. Every accessor fails with a
 * {@link ConfigException} naming the variable and what it expects.
 */
public final class Settings {

  public static final String APP_PREFIX = "MAKERATES_";
  public static final String KAFKA_PREFIX = "KAFKA_";

  /**
   * {@code X_FILE=path} gives the value of {@code X} as the content of a file (a mounted secret).
   */
  public static final String FILE_SUFFIX = "_FILE";

  private final Map<String, String> env;

  /**
   * Every variable something asked for, shared with the settings derived by {@link #with}: what was
   * never read is a typo.
   */
  private final Set<String> asked;

  public Settings(Map<String, String> env) {
    this(env, ConcurrentHashMap.newKeySet());
  }

  private Settings(Map<String, String> env, Set<String> asked) {
    this.env = Map.copyOf(env);
    this.asked = asked;
  }

  public static Settings fromEnvironment() {
    return new Settings(System.getenv());
  }

  /** These settings with some variables added or replaced (by their full environment names). */
  public Settings with(Map<String, String> overrides) {
    Map<String, String> merged = new TreeMap<>(env);
    merged.putAll(overrides);
    return new Settings(merged, asked);
  }

  /**
   * The {@code MAKERATES_*} variables set here that no app has asked for so far: after the apps
   * have started, these are typos or settings of something that is not running.
   */
  public SortedSet<String> unread() {
    SortedSet<String> unread = new TreeSet<>();
    env.keySet().stream()
        .filter(name -> name.startsWith(APP_PREFIX) && !asked.contains(name))
        .forEach(unread::add);
    return unread;
  }

  /**
   * Every {@code MAKERATES_*} variable something asked for so far, set or not: the names the apps
   * know, against which an unread one can be told a typo.
   */
  public SortedSet<String> asked() {
    return new TreeSet<>(asked);
  }

  /** {@code KAFKA_FOO_BAR} → {@code foo.bar}; this is how any Kafka client property is set. */
  public Properties kafkaProperties() {
    Properties props = new Properties();
    env.forEach(
        (name, value) -> {
          if (name.startsWith(KAFKA_PREFIX) && name.length() > KAFKA_PREFIX.length()) {
            props.put(
                name.substring(KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'),
                value);
          }
        });
    return props;
  }

  public String bootstrapServers() {
    String servers = kafkaProperties().getProperty("bootstrap.servers");
    if (servers == null || servers.isBlank()) {
      throw new ConfigException(
          "KAFKA_BOOTSTRAP_SERVERS is not set: give the Kafka brokers as host:port[,host:port]");
    }
    return servers;
  }

  /**
   * A setting's value, from its variable or, when that is not set, from the file its {@code _FILE}
   * variable names ({@code
   * MAKERATES_DATABASE_PASSWORD_FILE=/var/run/secrets/makerates/db/password}): secrets mounted as
   * files never appear in the process environment. Setting both is refused, since one of them would
   * be silently ignored.
   */
  public Optional<String> optional(String key) {
    String name = variable(key);
    String fileName = name + FILE_SUFFIX;
    asked.add(name);
    asked.add(fileName);
    String value = env.get(name);
    String file = env.get(fileName);
    boolean hasValue = value != null && !value.isBlank();
    if (file != null && !file.isBlank()) {
      if (hasValue) {
        throw new ConfigException(name + " and " + fileName + " are both set: keep one");
      }
      return Optional.of(readSecretFile(fileName, Path.of(file.trim())));
    }
    return hasValue ? Optional.of(value.trim()) : Optional.empty();
  }

  private static String readSecretFile(String variable, Path file) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      throw new ConfigException(variable + "=" + file + " does not exist");
    } catch (IOException e) {
      throw new ConfigException(variable + "=" + file + " cannot be read: " + e.getMessage());
    }
    if (content.isEmpty()) {
      throw new ConfigException(variable + "=" + file + " is empty");
    }
    return content;
  }

  public String string(String key, String defaultValue) {
    return optional(key).orElse(defaultValue);
  }

  public String required(String key, String whatItIs) {
    return optional(key)
        .orElseThrow(() -> new ConfigException(variable(key) + " is not set: " + whatItIs));
  }

  public int integer(String key, int defaultValue, int min, int max) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.get());
      if (value < min || value > max) {
        throw new ConfigException(
            variable(key) + "=" + raw.get() + " is out of range: expected " + min + ".." + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(variable(key) + "=" + raw.get() + " is not a whole number");
    }
  }

  /**
   * A decimal number (thresholds, tolerances): never a double, so what is configured is what is
   * compared.
   *
   * @param positive true when zero is refused too; negative numbers always are
   */
  public BigDecimal decimal(String key, BigDecimal defaultValue, boolean positive) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    String what = positive ? "a positive decimal number" : "a non-negative decimal number";
    try {
      BigDecimal value = new BigDecimal(raw.get());
      if (value.signum() < 0 || positive && value.signum() == 0) {
        throw new ConfigException(variable(key) + "=" + raw.get() + " is not " + what);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(variable(key) + "=" + raw.get() + " is not " + what);
    }
  }

  public boolean bool(String key, boolean defaultValue) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    return switch (raw.get().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default ->
          throw new ConfigException(
              variable(key) + "=" + raw.get() + " is not a boolean: expected true or false");
    };
  }

  /**
   * Parses what {@link #duration} reads, for values embedded in larger settings.
   *
   * @throws IllegalArgumentException when the text is no duration
   */
  public static Duration parseDuration(String raw) {
    String text = raw.trim().toLowerCase(Locale.ROOT);
    try {
      if (text.startsWith("p")) {
        return Duration.parse(text.toUpperCase(Locale.ROOT));
      }
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      }
      long amount = Long.parseLong(text.substring(0, text.length() - 1));
      return switch (text.charAt(text.length() - 1)) {
        case 's' -> Duration.ofSeconds(amount);
        case 'm' -> Duration.ofMinutes(amount);
        case 'h' -> Duration.ofHours(amount);
        case 'd' -> Duration.ofDays(amount);
        default -> throw new IllegalArgumentException("no unit");
      };
    } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
      throw new IllegalArgumentException("'" + raw + "' is not a duration", e);
    }
  }

  /**
   * ISO-8601 durations ({@code PT30S}) or plain {@code 30s}, {@code 500ms}, {@code 5m}, {@code 6h}.
   */
  public Duration duration(String key, Duration defaultValue) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      return parseDuration(raw.get());
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          variable(key)
              + "="
              + raw.get()
              + " is not a duration: use e.g. 30s, 500ms, 5m, 6h or PT30S");
    }
  }

  public URI uri(String key, String defaultValue) {
    String raw = optional(key).orElse(defaultValue);
    if (raw == null) {
      throw new ConfigException(variable(key) + " is not set: expected an http(s) URL");
    }
    try {
      URI uri = URI.create(raw);
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException();
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(variable(key) + "=" + raw + " is not an http(s) URL");
    }
  }

  public Path path(String key, String defaultValue) {
    return Path.of(optional(key).orElse(defaultValue));
  }

  public List<String> list(String key, List<String> defaultValue) {
    Optional<String> raw = optional(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    List<String> items = new ArrayList<>();
    for (String item : raw.get().split(",")) {
      if (!item.isBlank()) {
        items.add(item.trim());
      }
    }
    return List.copyOf(items);
  }

  /** {@code registry.url} → {@code MAKERATES_REGISTRY_URL}. */
  public static String variable(String key) {
    return APP_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
