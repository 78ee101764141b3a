package io.makerates.extractor;

import io.makerates.schema.SourceTier;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * One configured source: which adapter reads it, where it lives, how often it is polled and its place in the failover
 * order. {@code secrets} are the values that must never reach a record or a log (API keys).
 */
public record SourceConfig(String id, String type, URI baseUrl, Duration interval, SourceTier tier, List<String> secrets) {
  public SourceConfig {
    secrets = List.copyOf(secrets);
  }
}
