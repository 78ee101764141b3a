package io.makerates.launcher.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * What one source did, as its records on the topics tell it: its type (from its bronze records) and
 * independence group (from its observations), its last extraction and how it ended, its attempts
 * and failures per UTC day, the newest date its answers held, and its rejections by reason. It is
 * kept while the stack runs and saved with the counts, so only the last few days are kept per day.
 */
public final class SourceActivity {

  /** Days of attempts kept: today and the days before, enough for any question status asks. */
  private static final int DAYS_KEPT = 3;

  private String type;
  private String group;
  private Instant lastExtraction;
  private String lastOutcome;
  private LocalDate lastAnswerDate;
  // UTC day of the extraction → {attempts, failed}
  private final TreeMap<LocalDate, long[]> days = new TreeMap<>();
  private final Map<String, Long> rejections = new TreeMap<>();

  /** Reads one bronze record of the source. */
  public void bronze(BronzeExtraction record) {
    type = record.getSourceType();
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
    long[] day = days.computeIfAbsent(at.atZone(ZoneOffset.UTC).toLocalDate(), d -> new long[2]);
    day[0]++;
    if (failed) {
      day[1]++;
    }
    while (days.size() > DAYS_KEPT) {
      days.pollFirstEntry();
    }
  }

  public void observations(RateObservations record) {
    group = record.getIndependenceGroup();
    if (lastAnswerDate == null || record.getDate().isAfter(lastAnswerDate)) {
      lastAnswerDate = record.getDate();
    }
  }

  public void rejection(Rejection record) {
    rejections.merge(record.getReasonCode(), 1L, Long::sum);
  }

  /** The source type its bronze records name, null before the first. */
  public String type() {
    return type;
  }

  /** The independence group its observations carry, null before the first. */
  public String group() {
    return group;
  }

  public Instant lastExtraction() {
    return lastExtraction;
  }

  public String lastOutcome() {
    return lastOutcome;
  }

  public long attemptsOn(LocalDate day) {
    return days.getOrDefault(day, new long[2])[0];
  }

  public long failedOn(LocalDate day) {
    return days.getOrDefault(day, new long[2])[1];
  }

  public LocalDate lastAnswerDate() {
    return lastAnswerDate;
  }

  public Map<String, Long> rejections() {
    return Map.copyOf(rejections);
  }

  ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode node = mapper.createObjectNode();
    node.put("type", type);
    node.put("group", group);
    node.put("lastExtraction", lastExtraction == null ? null : lastExtraction.toString());
    node.put("lastOutcome", lastOutcome);
    node.put("lastAnswerDate", lastAnswerDate == null ? null : lastAnswerDate.toString());
    ObjectNode perDay = node.putObject("days");
    days.forEach((day, n) -> perDay.putArray(day.toString()).add(n[0]).add(n[1]));
    ObjectNode reasons = node.putObject("rejections");
    rejections.forEach(reasons::put);
    return node;
  }

  static SourceActivity fromJson(JsonNode node) {
    SourceActivity a = new SourceActivity();
    a.type = text(node, "type");
    a.group = text(node, "group");
    String last = text(node, "lastExtraction");
    a.lastExtraction = last == null ? null : Instant.parse(last);
    a.lastOutcome = text(node, "lastOutcome");
    String answer = text(node, "lastAnswerDate");
    a.lastAnswerDate = answer == null ? null : LocalDate.parse(answer);
    node.path("days")
        .properties()
        .forEach(
            d ->
                a.days.put(
                    LocalDate.parse(d.getKey()),
                    new long[] {d.getValue().path(0).asLong(), d.getValue().path(1).asLong()}));
    node.path("rejections")
        .properties()
        .forEach(r -> a.rejections.put(r.getKey(), r.getValue().asLong()));
    return a;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
