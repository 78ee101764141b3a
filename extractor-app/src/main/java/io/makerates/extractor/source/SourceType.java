package io.makerates.extractor.source;

import io.makerates.extractor.SourceConfig;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the extractor knows of one source type, in one place: its id (from {@code SourceTypeIds}),
 * how to build its adapter from a source's configuration, and its defaults (endpoint without and
 * with a key, base currency and whether the provider publishes against that one only, when it
 * publishes, its quota with a key).
 *
 * @param keyedBaseUrl where the type is served when a key is configured, or null when the same host
 *     serves both
 * @param fixedBase true when the provider publishes against {@code defaultBase} only
 * @param publication when a daily provider publishes, in its own time zone; empty for a source
 *     polled on an interval
 * @param keyedQuota the quota of the provider's keyed free tier (e.g. {@code 1500/month}), or
 *     {@code none}
 */
public record SourceType(
    String id,
    Function<SourceConfig, RateSource> adapter,
    String defaultBaseUrl,
    String keyedBaseUrl,
    String defaultBase,
    boolean fixedBase,
    Optional<Publication> publication,
    String keyedQuota) {

  /**
   * A daily publication: first poll at {@code at} in {@code zone} on weekdays, polled again until
   * {@code recheckUntil}.
   */
  public record Publication(LocalTime at, ZoneId zone, LocalTime recheckUntil) {

    public static Publication at(String time, String zone, String recheckUntil) {
      return new Publication(LocalTime.parse(time), ZoneId.of(zone), LocalTime.parse(recheckUntil));
    }
  }

  /** A keyless type with one endpoint and no quota. */
  public static SourceType open(
      String id,
      Function<SourceConfig, RateSource> adapter,
      String defaultBaseUrl,
      String base,
      boolean fixedBase,
      Optional<Publication> publication) {
    return new SourceType(id, adapter, defaultBaseUrl, null, base, fixedBase, publication, "none");
  }
}
