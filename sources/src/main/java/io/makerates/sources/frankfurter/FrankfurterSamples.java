package io.makerates.sources.frankfurter;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Frankfurter v1 played offline: {@code /v1/latest}, {@code /v1/{date}} (a day without rates
 * answers the business day before it, dated so) and {@code /v1/{from}..{to}}, with the ECB's
 * figures (its group sees the same market): EUR-based as the ECB publishes them, six significant
 * digits; with {@code base=} rebased from those figures and rounded to five significant digits, as
 * Frankfurter does. Rates are listed alphabetically, as JSON numbers.
 */
final class FrankfurterSamples implements SampleAnswers {

  /** The 29 quotes of a full EUR answer since Bulgaria joined the euro in 2026. */
  static final List<String> CURRENCIES =
      List.of(
          "AUD", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "GBP", "HKD", "HUF", "IDR", "ILS", "INR",
          "ISK", "JPY", "KRW", "MXN", "MYR", "NOK", "NZD", "PHP", "PLN", "RON", "SEK", "SGD", "THB",
          "TRY", "USD", "ZAR");

  private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_EVEN);
  private static final MathContext FIVE = new MathContext(5, RoundingMode.HALF_EVEN);
  private static final Pattern DAY = Pattern.compile("/v1/(\\d{4}-\\d{2}-\\d{2})/?");
  private static final Pattern RANGE =
      Pattern.compile("/v1/(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})?/?");
  private static final String NOT_FOUND = "{\"message\":\"not found\"}";

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return "EUR";
  }

  /** The ECB's TARGET holidays of fixed date, as Frankfurter republishes its days. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(12, 25), MonthDay.of(12, 26));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    String base = request.param("base") == null ? "EUR" : request.param("base");
    if (!base.equals("EUR") && !market.currencies().contains(base)) {
      return Optional.of(OfflineReply.status(404, "application/json", NOT_FOUND));
    }
    String path = request.path();
    Matcher day = DAY.matcher(path);
    Matcher range = RANGE.matcher(path);
    if (path.equals("/v1/latest") || path.equals("/v1/latest/")) {
      return Optional.of(json(oneDay(market.latest(), base, market)));
    }
    if (day.matches()) {
      return Optional.of(json(oneDay(market.latest(LocalDate.parse(day.group(1))), base, market)));
    }
    if (!range.matches()) {
      return Optional.empty();
    }
    LocalDate from = LocalDate.parse(range.group(1));
    LocalDate to = range.group(2) == null ? market.today() : LocalDate.parse(range.group(2));
    List<LocalDate> days = market.days(from, to);
    StringBuilder rates = new StringBuilder();
    for (LocalDate d : days) {
      rates.append(rates.isEmpty() ? "" : ",").append('"').append(d).append("\":");
      rates.append(rates(d, base, market));
    }
    String first = days.isEmpty() ? from.toString() : days.getFirst().toString();
    String last = days.isEmpty() ? to.toString() : days.getLast().toString();
    return Optional.of(
        json(
            "{\"amount\":1.0,\"base\":\"%s\",\"start_date\":\"%s\",\"end_date\":\"%s\",\"rates\":{%s}}"
                .formatted(base, first, last, rates)));
  }

  private static String oneDay(LocalDate day, String base, OfflineMarket market) {
    return "{\"amount\":1.0,\"base\":\"%s\",\"date\":\"%s\",\"rates\":%s}"
        .formatted(base, day, rates(day, base, market));
  }

  /** The day's rates against {@code base}: the ECB's figures, rebased from them if need be. */
  private static String rates(LocalDate day, String base, OfflineMarket market) {
    List<String> quotes = new ArrayList<>(market.currencies());
    quotes.add("EUR");
    TreeMap<String, BigDecimal> values = new TreeMap<>();
    for (String currency : quotes) {
      if (currency.equals(base)) {
        continue;
      }
      BigDecimal value =
          base.equals("EUR")
              ? ecb(day, currency, market)
              : ecb(day, currency, market).divide(ecb(day, base, market), FIVE);
      values.put(currency, value.stripTrailingZeros());
    }
    StringBuilder json = new StringBuilder("{");
    values.forEach(
        (currency, value) ->
            json.append(json.length() == 1 ? "" : ",")
                .append('"')
                .append(currency)
                .append("\":")
                .append(value.toPlainString()));
    return json.append('}').toString();
  }

  /** The ECB's published EUR→X: six significant digits. */
  private static BigDecimal ecb(LocalDate day, String currency, OfflineMarket market) {
    return market.eurTo(day, currency).round(SIX);
  }

  private static OfflineReply json(String body) {
    return OfflineReply.ok("application/json", body);
  }
}
