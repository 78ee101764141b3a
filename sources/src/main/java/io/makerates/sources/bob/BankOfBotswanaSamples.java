package io.makerates.sources.bob;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The BoB's exchange-rate export played offline: the whole history at every request (here two
 * years, not since 2001), newest day first, as UTF-8 CSV with a byte order mark, LF and no final
 * newline; the date quoted ({@code "09 Mar 2026"}), then units of each currency per one BWP with 4
 * decimals, under the export's own column labels (CHN, SDR, YEN).
 */
final class BankOfBotswanaSamples implements SampleAnswers {

  /** The export's columns after Date, as codes. */
  static final List<String> CURRENCIES = List.of("CNY", "EUR", "GBP", "USD", "XDR", "JPY", "ZAR");

  private static final Map<String, String> LABELS =
      Map.of("CNY", "CHN", "XDR", "SDR", "JPY", "YEN");
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH);

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return BankOfBotswanaSource.BASE;
  }

  /** New Year (two days), Labour, Sir Seretse Khama, Botswana Day (two), Christmas, Boxing Day. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(1, 2),
        MonthDay.of(5, 1),
        MonthDay.of(7, 1),
        MonthDay.of(9, 30),
        MonthDay.of(10, 1),
        MonthDay.of(12, 25),
        MonthDay.of(12, 26));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!"/export/exchange-rates.csv".equals(request.path())) {
      return Optional.empty();
    }
    LocalDate today = market.today();
    List<LocalDate> days = market.days(today.minusYears(2), today);
    String csv = "\uFEFF" + csv(days, market);
    return Optional.of(
        OfflineReply.ok("text/csv; charset=UTF-8", csv.getBytes(StandardCharsets.UTF_8)));
  }

  /** Every column of the export, "0.0000" for one the market has no rate for (as BoB writes it). */
  private static String csv(List<LocalDate> days, OfflineMarket market) {
    StringBuilder csv = new StringBuilder("Date");
    for (String currency : CURRENCIES) {
      csv.append(',').append(LABELS.getOrDefault(currency, currency));
    }
    for (LocalDate day : days.reversed()) {
      csv.append("\n\"").append(DATE.format(day)).append('"');
      for (String currency : CURRENCIES) {
        csv.append(',')
            .append(
                market.quotes(currency)
                    ? market
                        .per(day, BankOfBotswanaSource.BASE, currency)
                        .setScale(4, RoundingMode.HALF_UP)
                        .toPlainString()
                    : "0.0000");
      }
    }
    return csv.toString();
  }
}
