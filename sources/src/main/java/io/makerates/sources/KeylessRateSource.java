package io.makerates.sources;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a keyless adapter of one fixed endpoint holds: its type and its base URL (without a trailing
 * slash).
 */
public abstract class KeylessRateSource implements RateSource {

  private final String type;

  /** Paths are appended to it. */
  protected final String baseUrl;

  protected KeylessRateSource(String type, URI baseUrl) {
    this.type = type;
    this.baseUrl = BaseUrl.withoutTrailingSlash(baseUrl);
  }

  @Override
  public final String type() {
    return type;
  }

  public static void requireOrdered(LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("range " + from + ".." + to + " ends before it starts");
    }
  }

  /**
   * For a provider that answers in a text format: a 2xx body that {@code isAnswer} does not
   * recognise (an HTML page in its place) is malformed, said as {@code problem}; other statuses are
   * left to the HTTP classification.
   */
  public static Optional<ProviderError> unlessRecognised(
      int status, byte[] body, Predicate<String> isAnswer, String problem) {
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
    return isAnswer.test(text) ? Optional.empty() : Optional.of(ProviderError.malformed(problem));
  }

  /**
   * The newest of the date texts that parse with {@code format}; texts that do not are passed over.
   */
  public static Optional<LocalDate> newest(Iterable<String> texts, DateTimeFormatter format) {
    LocalDate newest = null;
    for (String text : texts) {
      try {
        LocalDate date = LocalDate.parse(text.strip(), format);
        newest = newest == null || date.isAfter(newest) ? date : newest;
      } catch (DateTimeParseException notADate) {
        // another one may still say it
      }
    }
    return Optional.ofNullable(newest);
  }
}
