package io.makerates.sources;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything a source type is, in one value: its id (written into every bronze record's {@code
 * sourceType}), the independence group of a source of that type, how to build its adapter from a
 * source's configuration, the parser of its answers, and its defaults (endpoint without and with a
 * key, base currency and whether the provider publishes against that one only, when it publishes,
 * its quota with a key).
 *
 * @param defaultGroup the independence group of a source of this type: sources that republish the
 *     same primary data (Frankfurter and the ECB) are one voice
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
    String defaultGroup,
    AnswerParser parser,
    Function<AdapterConfig, RateSource> adapter,
    String defaultBaseUrl,
    String keyedBaseUrl,
    String defaultBase,
    boolean fixedBase,
    Optional<Publication> publication,
    String keyedQuota) {

  public SourceType {
    if (!id.matches("[a-z][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "a source type id is lower-case letters, digits and dashes, not '" + id + "'");
    }
    if (!defaultGroup.matches("[A-Z][A-Z0-9_]*")) {
      throw new IllegalArgumentException(
          "an independence group is upper-case letters, digits and underscores, not '"
              + defaultGroup
              + "'");
    }
  }

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
      String group,
      AnswerParser parser,
      Function<AdapterConfig, RateSource> adapter,
      String defaultBaseUrl,
      String base,
      boolean fixedBase,
      Optional<Publication> publication) {
    return new SourceType(
        id, group, parser, adapter, defaultBaseUrl, null, base, fixedBase, publication, "none");
  }
}
