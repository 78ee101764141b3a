package io.makerates.extractor;

import io.makerates.extractor.quota.QuotaLimit;
import io.makerates.schema.SourceTier;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One configured source: which adapter reads it, where it lives, which base currency it is asked
 * for, how often it is polled ({@code schedule}; {@code interval} for an interval schedule), its
 * quota and rate limit, and the sources that take over when it is spent or down ({@code failover},
 * in order). {@code apiKeyFile} is null for a source without a key; {@code secrets} are the key
 * values known at start, which must never reach a record or a log; {@code quota} is null for a
 * source without one.
 */
public record SourceConfig(
    String id,
    String type,
    URI baseUrl,
    String base,
    Duration interval,
    SourceTier tier,
    Path apiKeyFile,
    List<String> secrets,
    QuotaLimit quota,
    RateLimit rateLimit,
    List<String> failover,
    SourceSchedule schedule) {

  public SourceConfig {
    secrets = List.copyOf(secrets);
    failover = List.copyOf(failover);
  }

  /** A source polled every {@code interval}. */
  public SourceConfig(
      String id,
      String type,
      URI baseUrl,
      String base,
      Duration interval,
      SourceTier tier,
      Path apiKeyFile,
      List<String> secrets,
      QuotaLimit quota,
      RateLimit rateLimit,
      List<String> failover) {
    this(
        id,
        type,
        baseUrl,
        base,
        interval,
        tier,
        apiKeyFile,
        secrets,
        quota,
        rateLimit,
        failover,
        new SourceSchedule.Every(interval));
  }

  /** A source without quota or failover, at the default rate limit. */
  public SourceConfig(
      String id,
      String type,
      URI baseUrl,
      String base,
      Duration interval,
      SourceTier tier,
      Path apiKeyFile,
      List<String> secrets) {
    this(
        id,
        type,
        baseUrl,
        base,
        interval,
        tier,
        apiKeyFile,
        secrets,
        null,
        RateLimit.DEFAULT,
        List.of());
  }

  /** Whether requests to this source carry an API key. */
  public boolean keyed() {
    return apiKeyFile != null;
  }
}
