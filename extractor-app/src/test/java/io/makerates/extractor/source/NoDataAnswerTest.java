package io.makerates.extractor.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.extractor.http.ErrorCode;
import io.makerates.runtime.source.NoData;
import io.makerates.sources.ProviderError;
import io.makerates.sources.nbp.NationalBankOfPolandSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A provider's "no rates for those dates" is told apart from its errors, under the code streams-app
 * knows.
 */
class NoDataAnswerTest {

  @Test
  void nbpsBrakDanychOnAHolidayIsNoDataAndOtherErrorsStayErrors() {
    NationalBankOfPolandSource nbp =
        new NationalBankOfPolandSource(URI.create(NationalBankOfPolandSource.DEFAULT_BASE_URL));
    assertThat(
            nbp.providerError(
                404, "404 NotFound - Not Found - Brak danych".getBytes(StandardCharsets.UTF_8)))
        .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(ProviderError.Kind.NO_DATA));
    assertThat(
            nbp.providerError(
                400, "400 BadRequest - Przekroczony limit 93 dni".getBytes(StandardCharsets.UTF_8)))
        .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(ProviderError.Kind.OTHER));
    assertThat(nbp.providerError(404, "Not Found".getBytes(StandardCharsets.UTF_8))).isEmpty();
  }

  @Test
  void theErrorCodeIsTheOneStreamsAppKnows() {
    assertThat(ErrorCode.NO_DATA.name()).isEqualTo(NoData.ERROR_CODE);
    assertThat(ErrorCode.NO_DATA.retryable()).isFalse();
  }
}
