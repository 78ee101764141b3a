package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.runtime.source.NoData;
import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.HttpResponseRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A provider's "no rates for those dates" (a holiday) makes no rates and no rejection; its other
 * errors are rejected.
 */
class NoDataAnswerTest {

  private final BronzeValidator validator =
      new BronzeValidator(Parsers.all(), IndependenceGroups.defaults());

  @Test
  void aHolidaysNoDataIsNothingWhileAProviderErrorIsRejected() {
    BronzeValidator.Validation holiday =
        validator.validate(answer(NoData.ERROR_CODE), at(), Bronzes.EXTRACTED_AT);
    assertThat(holiday.observations()).isEmpty();
    assertThat(holiday.rejections()).isEmpty();

    BronzeValidator.Validation error =
        validator.validate(answer("PROVIDER_ERROR"), at(), Bronzes.EXTRACTED_AT);
    assertThat(error.rejections())
        .singleElement()
        .satisfies(r -> assertThat(r.getReasonCode()).isEqualTo("HTTP_ERROR"));
  }

  private static BronzeExtraction answer(String errorCode) {
    byte[] body = "404 NotFound - Not Found - Brak danych".getBytes(StandardCharsets.UTF_8);
    return Bronzes.builder("nbp", Bronzes.EXTRACTED_AT, UUID.randomUUID())
        .setSourceType("nbp")
        .setResponse(
            new HttpResponseRecord(
                404,
                Map.of(),
                ByteBuffer.wrap(body),
                "text/plain",
                (long) body.length,
                io.makerates.runtime.Checksums.sha256Hex(body)))
        .setErrorCode(errorCode)
        .setErrorMessage("HTTP 404: no table for the dates asked")
        .build();
  }

  private static BronzeCoordinates at() {
    return new BronzeCoordinates("fx.bronze.extractions.v1", 0, 0L);
  }
}
