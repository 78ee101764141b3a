package io.makerates.sources;

/**
 * What an adapter recognised in an answer that is not a usable rate table. The kind decides what
 * the extractor does: a spent quota or a refused key hands over to the next source (and a refused
 * key tries the previous one first), a malformed answer (an HTML error page, a truncated body) is
 * retried, any other provider error is recorded and left.
 */
public record ProviderError(Kind kind, String message) {

  public enum Kind {
    /** The provider says the quota is used up ({@code quota-reached}). */
    QUOTA_EXHAUSTED,
    /** The provider refuses the key ({@code invalid-key}, {@code inactive-account}). */
    KEY_REJECTED,
    /** Not the format the source speaks: an HTML page, a cut-off or unparseable body. */
    MALFORMED,
    /**
     * The provider has no rates for the dates asked (a holiday): no answer, not an error ({@code
     * NoData}).
     */
    NO_DATA,
    /** Any other error the provider reports in its own format. */
    OTHER
  }

  public static ProviderError quotaExhausted(String message) {
    return new ProviderError(Kind.QUOTA_EXHAUSTED, message);
  }

  public static ProviderError keyRejected(String message) {
    return new ProviderError(Kind.KEY_REJECTED, message);
  }

  public static ProviderError malformed(String message) {
    return new ProviderError(Kind.MALFORMED, message);
  }

  public static ProviderError noData(String message) {
    return new ProviderError(Kind.NO_DATA, message);
  }

  public static ProviderError other(String message) {
    return new ProviderError(Kind.OTHER, message);
  }
}
