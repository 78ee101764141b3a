package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.makerates.runtime.trace.ExtractionTrace;
import io.makerates.schema.BronzeExtraction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The extraction id and trace context of a bronze record go on with what streams-app makes of it
 * (observations and rates keep the input's headers), and a log line written while the record is
 * handled carries the id.
 */
class ExtractionTraceTopologyTest {

  @Test
  void theBronzeRecordsHeadersReachTheRatesAndItsIdTheLogLines(@TempDir Path state) {
    Logger logger = (Logger) LoggerFactory.getLogger(ValidateBronzeProcessor.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    logger.addAppender(lines);
    try (TopologyHarness harness = new TopologyHarness(state)) {
      BronzeExtraction bronze =
          Bronzes.answer("frankfurter", Bronzes.fixture("frankfurter-latest-eur.json"));
      RecordHeaders headers = new RecordHeaders();
      ExtractionTrace.addTo(headers, bronze.getExtractionId());
      String traceparent =
          new String(
              headers.lastHeader(ExtractionTrace.TRACEPARENT).value(), StandardCharsets.UTF_8);
      // keyed by something else than its source id: validation warns about it, which gives a log
      // line to look at
      harness.bronze.pipeInput(
          new TestRecord<>("not-the-source-id", bronze, headers, bronze.getExtractedAt()));

      assertThat(harness.rates.readRecordsToList())
          .isNotEmpty()
          .allSatisfy(
              rate -> {
                assertThat(ExtractionTrace.extractionId(rate.headers()))
                    .contains(bronze.getExtractionId().toString());
                assertThat(
                        new String(
                            rate.headers().lastHeader(ExtractionTrace.TRACEPARENT).value(),
                            StandardCharsets.UTF_8))
                    .isEqualTo(traceparent);
              });
      assertThat(lines.list)
          .filteredOn(e -> e.getFormattedMessage().contains("not by its source id"))
          .singleElement()
          .satisfies(
              e ->
                  assertThat(e.getMDCPropertyMap())
                      .containsEntry(ExtractionTrace.MDC_KEY, bronze.getExtractionId().toString()));
    } finally {
      logger.detachAppender(lines);
    }
  }
}
