package io.makerates.extractor;

import java.time.Duration;

/**
 * At most {@code permits} requests per {@code period} to one source; a caller waits up to {@code
 * maxWait} for one.
 */
public record RateLimit(int permits, Duration period, Duration maxWait) {

  public static final RateLimit DEFAULT =
      new RateLimit(5, Duration.ofSeconds(1), Duration.ofMinutes(1));
}
