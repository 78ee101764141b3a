package io.makerates.streams;

import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.Contribution;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Bronze records of one source's answer for one day (Frankfurter's format, EUR base), extracted
 * that afternoon.
 */
final class DailyAnswers {

  private DailyAnswers() {}

  static BronzeExtraction answer(String source, LocalDate date, Map<String, BigDecimal> rates) {
    return answer(source, date, rates, 0);
  }

  /**
   * {@code minutesLater}: a later extraction of the same day (another answer, or the same one
   * again).
   */
  static BronzeExtraction answer(
      String source, LocalDate date, Map<String, BigDecimal> rates, int minutesLater) {
    String body =
        "{\"amount\":1.0,\"base\":\"EUR\",\"date\":\""
            + date
            + "\",\"rates\":{"
            + new TreeMap<>(rates)
                .entrySet().stream()
                    .map(e -> "\"" + e.getKey() + "\":" + e.getValue().toPlainString())
                    .collect(Collectors.joining(","))
            + "}}";
    var extractedAt = date.atTime(15, 0).plusMinutes(minutesLater).toInstant(ZoneOffset.UTC);
    UUID id =
        UUID.nameUUIDFromBytes(
            (source + date + minutesLater + body).getBytes(StandardCharsets.UTF_8));
    return Bronzes.answer(source, body, extractedAt, id);
  }

  /** Monday to Friday from {@code from}, {@code count} of them. */
  static List<LocalDate> businessDays(LocalDate from, int count) {
    List<LocalDate> days = new ArrayList<>();
    for (LocalDate d = from; days.size() < count; d = d.plusDays(1)) {
      if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY) {
        days.add(d);
      }
    }
    return days;
  }

  /** A calm daily series around {@code level}: moves of a few basis points, no trend. */
  static BigDecimal calm(String level, int day) {
    return new BigDecimal(level)
        .multiply(BigDecimal.ONE.add(BigDecimal.valueOf((day * 7L) % 11 - 5, 4)));
  }

  static Contribution voice(ConsensusRate rate, String source) {
    return rate.getContributions().stream()
        .filter(c -> c.getSourceId().equals(source))
        .findFirst()
        .orElseThrow();
  }
}
