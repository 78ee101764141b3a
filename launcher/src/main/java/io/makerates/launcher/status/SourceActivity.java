package io.makerates.launcher.status;

import io.makerates.runtime.source.NoData;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.RateObservations;
import io.makerates.schema.Rejection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one source did, as its records on the topics tell it: its last extraction and how it ended,
 * its attempts and failures on the current UTC day, the newest date its answers held, and its
 * rejections by reason.
 */
public final class SourceActivity {

  private Instant lastExtraction;
  private String lastOutcome;
  private long attemptsToday;
  private long failedToday;
  private LocalDate lastAnswerDate;
  private final Map<String, Long> rejections = new TreeMap<>();

  /** Reads one bronze record of the source; {@code today} is the UTC day counted as "today". */
  public void bronze(BronzeExtraction record, LocalDate today) {
    Instant at = record.getExtractedAt();
    boolean noData =
        NoData.ERROR_CODE.equals(record.getErrorCode()); // a holiday: no answer, not a failure
    boolean failed = record.getErrorCode() != null && !noData;
    if (lastExtraction == null || !at.isBefore(lastExtraction)) {
      lastExtraction = at;
      lastOutcome =
          noData
              ? "no data for the day"
              : failed ? record.getErrorCode() : record.getResponse() == null ? "no answer" : "ok";
    }
    if (at.atZone(ZoneOffset.UTC).toLocalDate().equals(today)) {
      attemptsToday++;
      if (failed) {
        failedToday++;
      }
    }
  }

  public void observations(RateObservations record) {
    if (lastAnswerDate == null || record.getDate().isAfter(lastAnswerDate)) {
      lastAnswerDate = record.getDate();
    }
  }

  public void rejection(Rejection record) {
    rejections.merge(record.getReasonCode(), 1L, Long::sum);
  }

  public Instant lastExtraction() {
    return lastExtraction;
  }

  public String lastOutcome() {
    return lastOutcome;
  }

  public long attemptsToday() {
    return attemptsToday;
  }

  public long failedToday() {
    return failedToday;
  }

  public LocalDate lastAnswerDate() {
    return lastAnswerDate;
  }

  public Map<String, Long> rejections() {
    return Map.copyOf(rejections);
  }
}
