package io.makerates.extractor;

import io.makerates.extractor.audit.AuditContext;
import io.makerates.extractor.http.HttpSettings;
import io.makerates.extractor.source.RateSources;
import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.TopicLayout;
import io.makerates.runtime.ops.BuildInfo;
import io.makerates.schema.SourceTier;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The extractor's configuration, read and checked once at start: a bad or missing value is a {@link ConfigException}
 * naming the variable, never a surprise at the first poll.
 *
 * <p>Sources: {@code MAKERATES_SOURCES=frankfurter,...}; per source id {@code MAKERATES_SOURCE_<ID>_TYPE},
 * {@code _BASE_URL}, {@code _INTERVAL}, {@code _TIER}, {@code _API_KEY_FILE}.
 */
public record ExtractorSettings(List<SourceConfig> sources, String registryUrl, int topicPartitions, short topicReplication,
    HttpSettings http, RetrySettings retry, AuditContext audit) {

  private static final Pattern SOURCE_ID = Pattern.compile("[a-z][a-z0-9-]*");

  public static ExtractorSettings from(Settings settings) {
    String host = localHostName();
    String contact = settings.string("contact", "ops@makerates.example");
    String registryUrl = settings.uri("registry.url", null).toString();
    return new ExtractorSettings(
        sources(settings),
        registryUrl,
        TopicLayout.from(settings).partitions(),
        TopicLayout.from(settings).replication(),
        new HttpSettings(
            positive(settings, "http.connect.timeout", Duration.ofSeconds(5)),
            positive(settings, "http.request.timeout", Duration.ofSeconds(30)),
            HttpSettings.userAgent(BuildInfo.version(), contact)),
        new RetrySettings(
            settings.integer("retry.max.attempts", 4, 1, 20),
            positive(settings, "retry.initial.backoff", Duration.ofSeconds(1)),
            positive(settings, "retry.max.backoff", Duration.ofMinutes(1)),
            positive(settings, "circuit.open.duration", Duration.ofMinutes(5))),
        new AuditContext(
            host,
            settings.string("instance", host),
            BuildInfo.commit(),
            settings.string("data.classification", "internal"),
            settings.string("retention.policy", "keep-5-years")));
  }

  private static List<SourceConfig> sources(Settings settings) {
    List<String> ids = settings.list("sources", List.of("frankfurter"));
    if (ids.isEmpty()) {
      throw new ConfigException(Settings.variable("sources") + " lists no source: give source ids, e.g. frankfurter");
    }
    Set<String> seen = new HashSet<>();
    List<SourceConfig> sources = new ArrayList<>();
    for (String raw : ids) {
      String id = raw.toLowerCase(Locale.ROOT);
      if (!SOURCE_ID.matcher(id).matches()) {
        throw new ConfigException(Settings.variable("sources") + " contains '" + raw
            + "': a source id is lower-case letters, digits and '-', starting with a letter");
      }
      if (!seen.add(id)) {
        throw new ConfigException(Settings.variable("sources") + " lists '" + id + "' twice");
      }
      sources.add(source(settings, id));
    }
    return List.copyOf(sources);
  }

  private static SourceConfig source(Settings settings, String id) {
    String prefix = "source." + id + ".";
    String type = settings.string(prefix + "type", id).toLowerCase(Locale.ROOT);
    if (!RateSources.supports(type)) {
      throw new ConfigException(Settings.variable(prefix + "type") + "=" + type + " is not a supported source type: expected one of "
          + RateSources.types());
    }
    URI baseUrl = settings.uri(prefix + "base.url", RateSources.defaultBaseUrl(type));
    Duration interval = positive(settings, prefix + "interval", Duration.ofHours(6));
    String tierText = settings.string(prefix + "tier", "PRIMARY").toUpperCase(Locale.ROOT);
    SourceTier tier;
    try {
      tier = SourceTier.valueOf(tierText);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(Settings.variable(prefix + "tier") + "=" + tierText + " is not a tier: expected PRIMARY or FALLBACK");
    }
    Path keyFile = settings.optional(prefix + "api.key.file").map(Path::of).orElse(null);
    List<String> secrets = keyFile == null ? List.of() : List.of(readSecret(prefix, keyFile.toString()));
    String base = settings.string(prefix + "base", RateSources.defaultBase(type)).toUpperCase(Locale.ROOT);
    if (!base.matches("[A-Z]{3}")) {
      throw new ConfigException(Settings.variable(prefix + "base") + "=" + base + " is not a currency code: expected e.g. EUR");
    }
    return new SourceConfig(id, type, baseUrl, base, interval, tier, keyFile, secrets);
  }

  private static String readSecret(String prefix, String file) {
    try {
      String key = Files.readString(Path.of(file)).trim();
      if (key.isEmpty()) {
        throw new ConfigException(Settings.variable(prefix + "api.key.file") + "=" + file + " is empty");
      }
      return key;
    } catch (IOException e) {
      throw new ConfigException(Settings.variable(prefix + "api.key.file") + "=" + file + " cannot be read: " + e.getMessage());
    }
  }

  private static Duration positive(Settings settings, String key, Duration defaultValue) {
    Duration value = settings.duration(key, defaultValue);
    if (value.isZero() || value.isNegative()) {
      throw new ConfigException(Settings.variable(key) + "=" + value + " must be longer than zero");
    }
    return value;
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }

  /** Every configured secret, for the redactor: a key must not leak through another source's record either. */
  public List<String> secrets() {
    return sources.stream().flatMap(s -> s.secrets().stream()).toList();
  }
}
