package io.makerates.extractor;

import io.makerates.schema.SourceTier;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One configured source: which adapter reads it, where it lives, which base currency it is asked for, how often it is
 * polled and its place in the failover order. {@code apiKeyFile} is null for a source without a key; {@code secrets}
 * are the values that must never reach a record or a log (API keys).
 */
public record SourceConfig(String id, String type, URI baseUrl, String base, Duration interval, SourceTier tier,
    Path apiKeyFile, List<String> secrets) {

  public SourceConfig {
    secrets = List.copyOf(secrets);
  }

  /** Whether requests to this source carry an API key. */
  public boolean keyed() {
    return apiKeyFile != null;
  }
}
