package io.makerates.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.schema.ReasonCode;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;

/** Shared helpers of the parser tests: bodies as UTF-8 and refusals with their reason code. */
public final class ParserAssertions {

  private ParserAssertions() {}

  public static byte[] utf8(String body) {
    return body.getBytes(StandardCharsets.UTF_8);
  }

  public static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      AnswerParser parser, String body, ReasonCode reason) {
    return assertRefused(parser, utf8(body), reason);
  }

  public static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      AnswerParser parser, byte[] body, ReasonCode reason) {
    return assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
