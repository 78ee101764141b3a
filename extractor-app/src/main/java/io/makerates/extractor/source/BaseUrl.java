package io.makerates.extractor.source;

import java.net.URI;

/** Configured base URLs are written with or without a trailing slash; paths are appended to the form without. */
final class BaseUrl {

  private BaseUrl() {}

  static String withoutTrailingSlash(URI baseUrl) {
    String text = baseUrl.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
