package io.makerates.sources.boj;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The BoJ's {@code getDataCode} played offline for database FM08: the series FXERD04 (yen per US
 * dollar, two decimals) and FXERD34 (US dollars per euro, four decimals), every calendar day of the
 * months asked with {@code null} where nothing is published (weekends, holidays, days after today),
 * trailing zeros dropped as the API's numbers have them. An unknown series is left out of the
 * result set; unreadable or reversed months answer an error in the API's shape ({@code STATUS} 400;
 * the message IDs here are the samples' own).
 */
final class BojSamples implements SampleAnswers {

  private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyyMM");
  private static final String JSON = "application/json; charset=utf-8";

  @Override
  public List<String> currencies() {
    return List.of("JPY", "EUR");
  }

  @Override
  public String home() {
    return BankOfJapanSource.BASE;
  }

  /** Tokyo market holidays of fixed date. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(1, 2),
        MonthDay.of(1, 3),
        MonthDay.of(2, 11),
        MonthDay.of(2, 23),
        MonthDay.of(4, 29),
        MonthDay.of(5, 3),
        MonthDay.of(5, 4),
        MonthDay.of(5, 5),
        MonthDay.of(11, 3),
        MonthDay.of(11, 23),
        MonthDay.of(12, 31));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!"/getDataCode".equals(request.path())) {
      return Optional.empty();
    }
    YearMonth first;
    YearMonth last;
    try {
      first = YearMonth.parse(String.valueOf(request.param("startDate")), MONTH);
      last = YearMonth.parse(String.valueOf(request.param("endDate")), MONTH);
    } catch (DateTimeParseException unreadable) {
      return Optional.of(error("M181005E", "Invalid date: startDate or endDate"));
    }
    if (first.isAfter(last)) {
      return Optional.of(error("M181006E", "The start date is after the end date"));
    }
    List<LocalDate> calendar = new ArrayList<>();
    for (LocalDate d = first.atDay(1); !d.isAfter(last.atEndOfMonth()); d = d.plusDays(1)) {
      calendar.add(d);
    }
    StringBuilder json =
        new StringBuilder("{\n\"STATUS\":200,\n\"MESSAGEID\":\"M181000I\",\n")
            .append("\"MESSAGE\":\"Successfully completed\",\n\"DATE\":\"")
            .append(market.today())
            .append("T09:00:00.000+09:00\",\n\"PARAMETER\":{\n\"FORMAT\":\"JSON\",\n")
            .append("\"LANG\":\"EN\",\n\"DB\":\"FM08\",\n\"STARTDATE\":\"")
            .append(MONTH.format(first))
            .append("\",\n\"ENDDATE\":\"")
            .append(MONTH.format(last))
            .append("\",\n\"STARTPOSITION\":\"\"\n},\n\"NEXTPOSITION\":null,\n\"RESULTSET\":[");
    List<String> codes = List.of(String.valueOf(request.param("code")).split(","));
    boolean firstSeries = true;
    for (String code : codes) {
      String title;
      String unit;
      if ("FXERD04".equals(code)) {
        title = "US.Dollar/Yen Spot Rate at 17:00 in JST, Tokyo Market";
        unit = "Yen per U.S. Dollar";
      } else if ("FXERD34".equals(code)) {
        title = "Euro/US.Dollar as of 17:00 in JST, Tokyo Market";
        unit = "U.S. Dollar per Euro";
      } else {
        continue;
      }
      StringBuilder dates = new StringBuilder();
      StringBuilder values = new StringBuilder();
      LocalDate updated = null;
      for (LocalDate day : calendar) {
        dates.append(dates.isEmpty() ? "" : ",").append(BankOfJapanParser.DATE.format(day));
        values.append(values.isEmpty() ? "" : ",");
        if (!market.publishes(day)) {
          values.append("null");
          continue;
        }
        updated = day;
        values.append(
            "FXERD04".equals(code)
                ? market
                    .per(day, "USD", "JPY")
                    .setScale(2, RoundingMode.HALF_UP)
                    .stripTrailingZeros()
                    .toPlainString()
                : market
                    .per(day, "EUR", "USD")
                    .setScale(4, RoundingMode.HALF_UP)
                    .stripTrailingZeros()
                    .toPlainString());
      }
      json.append(firstSeries ? "\n" : ",\n")
          .append("{\n\"SERIES_CODE\":\"")
          .append(code)
          .append("\",\n\"NAME_OF_TIME_SERIES\":\"")
          .append(title)
          .append("\",\n\"UNIT\":\"")
          .append(unit)
          .append("\",\n\"FREQUENCY\":\"DAILY\",\n\"CATEGORY\":\"Foreign Exchange Rates\",\n")
          .append("\"LAST_UPDATE\":")
          .append(updated == null ? "null" : BankOfJapanParser.DATE.format(updated))
          .append(",\n\"VALUES\":{\n\"SURVEY_DATES\":[")
          .append(dates)
          .append("],\n\"VALUES\":[")
          .append(values)
          .append("]\n}\n}");
      firstSeries = false;
    }
    return Optional.of(OfflineReply.ok(JSON, json.append("\n]\n}\n").toString()));
  }

  private static OfflineReply error(String id, String message) {
    return OfflineReply.status(
        400,
        JSON,
        "{\n\"STATUS\":400,\n\"MESSAGEID\":\"" + id + "\",\n\"MESSAGE\":\"" + message + "\"\n}\n");
  }
}
