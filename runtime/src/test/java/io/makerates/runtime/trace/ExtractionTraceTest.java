package io.makerates.runtime.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class ExtractionTraceTest {

  private static final UUID ID = UUID.fromString("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");

  @Test
  void theTraceIdIsTheExtractionIdWithANewSpanEachTime() {
    String first = ExtractionTrace.traceparent(ID);
    assertThat(first)
        .matches("00-6f1c2a3b4d5e4f608a7b9c0d1e2f3a4b-[0-9a-f]{16}-01")
        .doesNotContain("-0000000000000000-");
    assertThat(ExtractionTrace.traceparent(ID)).isNotEqualTo(first);
  }

  @Test
  void headersCarryTheIdOnceEvenWhenAddedAgain() {
    RecordHeaders headers = new RecordHeaders();
    ExtractionTrace.addTo(headers, UUID.randomUUID());
    ExtractionTrace.addTo(headers, ID);
    assertThat(headers.headers(ExtractionTrace.EXTRACTION_ID)).hasSize(1);
    assertThat(headers.headers(ExtractionTrace.TRACEPARENT))
        .singleElement()
        .satisfies(
            h ->
                assertThat(new String(h.value(), StandardCharsets.UTF_8))
                    .startsWith("00-6f1c2a3b"));
    assertThat(ExtractionTrace.extractionId(headers)).contains(ID.toString());
    assertThat(ExtractionTrace.extractionId(new RecordHeaders())).isEmpty();
  }

  @Test
  void theLoggingScopeRestoresWhatWasThere() {
    MDC.put(ExtractionTrace.MDC_KEY, "outer");
    try (ExtractionTrace.Scope scope = ExtractionTrace.logging(ID)) {
      assertThat(MDC.get(ExtractionTrace.MDC_KEY)).isEqualTo(ID.toString());
    }
    assertThat(MDC.get(ExtractionTrace.MDC_KEY)).isEqualTo("outer");
    MDC.remove(ExtractionTrace.MDC_KEY);
    try (ExtractionTrace.Scope scope = ExtractionTrace.logging(null)) {
      assertThat(MDC.get(ExtractionTrace.MDC_KEY)).isNull();
    }
  }
}
