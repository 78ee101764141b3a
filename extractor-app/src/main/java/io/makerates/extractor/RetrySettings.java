package io.makerates.extractor;

import java.time.Duration;

/**
 * Retries of one extraction (exponential backoff with jitter from {@code initialBackoff} up to
 * {@code maxBackoff}; a Retry-After longer than {@code maxBackoff} ends the retries) and the
 * circuit breaker of each source.
 */
public record RetrySettings(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration circuitOpenFor) {}
