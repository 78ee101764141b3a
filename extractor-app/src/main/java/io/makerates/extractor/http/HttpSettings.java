package io.makerates.extractor.http;

import java.time.Duration;

/** Transport settings shared by all sources. */
public record HttpSettings(Duration connectTimeout, Duration requestTimeout, String userAgent) {

  /**
   * {@code MakeRates/<version> (+https://github.com/makerates; <contact>)}: names the product and
   * whom to call.
   */
  public static String userAgent(String version, String contact) {
    return "MakeRates/" + version + " (+https://github.com/makerates; " + contact + ")";
  }
}
