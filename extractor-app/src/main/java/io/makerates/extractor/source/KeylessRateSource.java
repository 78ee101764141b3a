package io.makerates.extractor.source;

import java.net.URI;

/** What a keyless adapter of one fixed endpoint holds: its type and its base URL (without a trailing slash). */
abstract class KeylessRateSource implements RateSource {

  private final String type;
  /** Paths are appended to it. */
  final String baseUrl;

  KeylessRateSource(String type, URI baseUrl) {
    this.type = type;
    this.baseUrl = BaseUrl.withoutTrailingSlash(baseUrl);
  }

  @Override
  public final String type() {
    return type;
  }
}
