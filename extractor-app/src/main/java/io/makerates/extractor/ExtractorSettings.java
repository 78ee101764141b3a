package io.makerates.extractor;

import io.makerates.extractor.audit.AuditContext;
import io.makerates.extractor.http.HttpSettings;
import io.makerates.extractor.quota.QuotaLimit;
import io.makerates.extractor.source.RateSources;
import io.makerates.runtime.config.ConfigException;
import io.makerates.runtime.config.Settings;
import io.makerates.runtime.kafka.TopicLayout;
import io.makerates.runtime.ops.BuildInfo;
import io.makerates.schema.SourceTier;
import io.makerates.sources.SourceType;
import io.makerates.sources.SourceTypes;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The extractor's configuration, read and checked once at start: a bad or missing value is a {@link
 * ConfigException} naming the variable, never a surprise at the first poll.
 *
 * <p>Sources: {@code MAKERATES_SOURCES=frankfurter,...}; per source id {@code
 * MAKERATES_SOURCE_<ID>_TYPE}, {@code _BASE_URL}, {@code _INTERVAL}, {@code _TIER}, {@code
 * _API_KEY_FILE}.
 */
public record ExtractorSettings(
    List<SourceConfig> sources,
    String registryUrl,
    int topicPartitions,
    short topicReplication,
    HttpSettings http,
    RetrySettings retry,
    AuditContext audit,
    Duration keyGrace) {

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
            settings.string("retention.policy", "keep-5-years")),
        positive(settings, "key.grace", Duration.ofHours(24)));
  }

  /**
   * One source of every type whose public endpoint needs no key, under the type's id (sources that
   * republish another's rates count once, in that one's group). A mirror hands over to its group's
   * publisher when it cannot serve (Frankfurter to the ECB's own files).
   */
  public static final List<String> DEFAULT_SOURCES = RateSources.keyless();

  /** The sources a default source hands over to, when the source list is left to its default. */
  public static List<String> defaultFailover(String sourceId) {
    return SourceTypes.defaultFailover(sourceId);
  }

  /** The configured sources alone, without the settings only a running extractor needs. */
  public static List<SourceConfig> sources(Settings settings) {
    boolean defaults = settings.optional("sources").isEmpty();
    List<String> ids = settings.list("sources", DEFAULT_SOURCES);
    if (ids.isEmpty()) {
      throw new ConfigException(
          Settings.variable("sources") + " lists no source: give source ids, e.g. frankfurter");
    }
    Set<String> seen = new HashSet<>();
    List<SourceConfig> sources = new ArrayList<>();
    for (String raw : ids) {
      String id = raw.toLowerCase(Locale.ROOT);
      if (!SOURCE_ID.matcher(id).matches()) {
        throw new ConfigException(
            Settings.variable("sources")
                + " contains '"
                + raw
                + "': a source id is lower-case letters, digits and '-', starting with a letter");
      }
      if (!seen.add(id)) {
        throw new ConfigException(Settings.variable("sources") + " lists '" + id + "' twice");
      }
      sources.add(source(settings, id, defaults ? defaultFailover(id) : List.of()));
    }
    Set<String> known =
        sources.stream().map(SourceConfig::id).collect(java.util.stream.Collectors.toSet());
    for (SourceConfig source : sources) {
      for (String next : source.failover()) {
        if (!known.contains(next)) {
          throw new ConfigException(
              Settings.variable("source." + source.id() + ".failover")
                  + " names '"
                  + next
                  + "', which is not in "
                  + Settings.variable("sources")
                  + " "
                  + ids);
        }
      }
    }
    return List.copyOf(sources);
  }

  private static SourceConfig source(Settings settings, String id, List<String> defaultFailover) {
    String prefix = "source." + id + ".";
    String type = settings.string(prefix + "type", id).toLowerCase(Locale.ROOT);
    if (!RateSources.supports(type)) {
      throw new ConfigException(
          Settings.variable(prefix + "type")
              + "="
              + type
              + " is not a supported source type: expected one of "
              + RateSources.types());
    }
    Path keyFile = settings.optional(prefix + "api.key.file").map(Path::of).orElse(null);
    // a keyed source has its own default host: the open endpoint must never receive a key
    URI baseUrl =
        settings.uri(prefix + "base.url", RateSources.defaultBaseUrl(type, keyFile != null));
    Duration interval = positive(settings, prefix + "interval", Duration.ofHours(6));
    String tierText = settings.string(prefix + "tier", "PRIMARY").toUpperCase(Locale.ROOT);
    SourceTier tier;
    try {
      tier = SourceTier.valueOf(tierText);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          Settings.variable(prefix + "tier")
              + "="
              + tierText
              + " is not a tier: expected PRIMARY or FALLBACK");
    }
    List<String> secrets =
        keyFile == null ? List.of() : List.of(readSecret(prefix, keyFile.toString()));
    String base =
        settings.string(prefix + "base", RateSources.defaultBase(type)).toUpperCase(Locale.ROOT);
    if (!base.matches("[A-Z]{3}")) {
      throw new ConfigException(
          Settings.variable(prefix + "base")
              + "="
              + base
              + " is not a currency code: expected e.g. EUR");
    }
    SourceConfig config =
        new SourceConfig(
            id,
            type,
            baseUrl,
            base,
            interval,
            tier,
            keyFile,
            secrets,
            quota(settings, prefix, type, keyFile != null),
            rateLimit(settings, prefix),
            settings.list(prefix + "failover", defaultFailover).stream()
                .map(f -> f.toLowerCase(Locale.ROOT))
                .filter(f -> !f.equals(id))
                .toList(),
            schedule(settings, prefix, type, interval));
    try {
      RateSources.create(
          config); // the adapter's own checks (a base the source does not publish) at start, not at
      // first poll
    } catch (IllegalArgumentException e) {
      throw new ConfigException(Settings.variable(prefix + "base") + ": " + e.getMessage());
    }
    return config;
  }

  /**
   * An interval unless {@code _DAILY_AT} is set; the ECB publishes about 16:00 Frankfurt time on
   * business days, so an {@code ecb} source is daily at 16:05 Europe/Berlin by default, checked
   * again every 15 minutes until 19:00.
   */
  private static SourceSchedule schedule(
      Settings settings, String prefix, String type, Duration interval) {
    // a daily provider's publication time and zone are its type's; a source may set its own
    Optional<SourceType.Publication> publication =
        RateSources.type(type).flatMap(SourceType::publication);
    Optional<String> at =
        settings.optional(prefix + "daily.at").or(() -> publication.map(p -> p.at().toString()));
    if (at.isEmpty()
        || at.get().equalsIgnoreCase("none")) { // "none": every interval, whatever the type's habit
      return new SourceSchedule.Every(interval);
    }
    try {
      return new SourceSchedule.Daily(
          LocalTime.parse(at.get()),
          ZoneId.of(
              settings.string(
                  prefix + "zone", publication.map(p -> p.zone().getId()).orElse("UTC"))),
          positive(settings, prefix + "recheck", Duration.ofMinutes(15)),
          LocalTime.parse(
              settings.string(
                  prefix + "recheck.until",
                  publication.map(p -> p.recheckUntil().toString()).orElse("19:00"))));
    } catch (DateTimeException | IllegalArgumentException e) {
      throw new ConfigException(
          Settings.variable(prefix + "daily.at")
              + ", "
              + Settings.variable(prefix + "zone")
              + " or "
              + Settings.variable(prefix + "recheck.until")
              + " is not valid ("
              + e.getMessage()
              + "): times are HH:MM, zones like Europe/Berlin");
    }
  }

  /**
   * Free tiers count requests per month or day: a keyed source gets its type's free-tier quota
   * unless told otherwise.
   */
  private static QuotaLimit quota(Settings settings, String prefix, String type, boolean keyed) {
    String fallback =
        keyed ? RateSources.type(type).map(SourceType::keyedQuota).orElse("none") : "none";
    String text = settings.string(prefix + "quota", fallback);
    String warnText = settings.string(prefix + "quota.warn", "0.8");
    double warnAt;
    try {
      warnAt = Double.parseDouble(warnText); // a share, not money
    } catch (NumberFormatException e) {
      throw new ConfigException(
          Settings.variable(prefix + "quota.warn")
              + "="
              + warnText
              + " is not a share: write e.g. 0.8");
    }
    try {
      return QuotaLimit.parse(text, warnAt);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(Settings.variable(prefix + "quota") + ": " + e.getMessage());
    }
  }

  /**
   * {@code 5/1s}: at most 5 requests a second (the default); {@code 1/10s}: one every ten seconds.
   */
  private static RateLimit rateLimit(Settings settings, String prefix) {
    String text = settings.string(prefix + "rate.limit", RateLimit.DEFAULT.permits() + "/1s");
    int slash = text.indexOf('/');
    try {
      int permits = Integer.parseInt(text.substring(0, Math.max(slash, 0)).trim());
      Duration period = Settings.parseDuration(text.substring(slash + 1));
      if (permits < 1 || period.isZero() || period.isNegative()) {
        throw new IllegalArgumentException();
      }
      return new RateLimit(
          permits,
          period,
          positive(settings, prefix + "rate.limit.wait", RateLimit.DEFAULT.maxWait()));
    } catch (RuntimeException e) {
      throw new ConfigException(
          Settings.variable(prefix + "rate.limit")
              + "="
              + text
              + " is not a rate limit: write requests/period, e.g. 5/1s or 1/10s");
    }
  }

  private static String readSecret(String prefix, String file) {
    try {
      String key = Files.readString(Path.of(file)).trim();
      if (key.isEmpty()) {
        throw new ConfigException(
            Settings.variable(prefix + "api.key.file") + "=" + file + " is empty");
      }
      return key;
    } catch (IOException e) {
      throw new ConfigException(
          Settings.variable(prefix + "api.key.file")
              + "="
              + file
              + " cannot be read: "
              + e.getMessage());
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

  /**
   * Every configured secret, for the redactor: a key must not leak through another source's record
   * either.
   */
  public List<String> secrets() {
    return sources.stream().flatMap(s -> s.secrets().stream()).toList();
  }
}
