package io.makerates.sources.cbu;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * CBU's {@code /all/YYYY-MM-DD/} played offline: the list in force on the day asked, set the
 * business day before (its {@code Date} the weekday after that setting day); UZS per {@code
 * Nominal} with two decimals, every value a string, on one line in ASCII with the names as {@code
 * \\u} escapes, as CBU writes it. Two decimals are coarse for IRR, LAK and LBP, as in the real
 * list.
 */
final class CentralBankOfUzbekistanSamples implements SampleAnswers {

  /** The 75 codes of a real list, in its order; CBU's {@code id} is a code's alphabetical rank. */
  static final List<String> CURRENCIES =
      List.of(
          "USD", "EUR", "RUB", "GBP", "JPY", "AZN", "BDT", "BGN", "BHD", "BND", "BRL", "BYN", "CAD",
          "CHF", "CNY", "CUP", "CZK", "DKK", "DZD", "EGP", "AFN", "ARS", "GEL", "HKD", "HUF", "IDR",
          "ILS", "INR", "IQD", "IRR", "ISK", "JOD", "AUD", "KGS", "KHR", "KRW", "KWD", "KZT", "LAK",
          "LBP", "LYD", "MAD", "MDL", "MMK", "MNT", "MXN", "MYR", "NOK", "NZD", "OMR", "PHP", "PKR",
          "PLN", "QAR", "RON", "RSD", "AMD", "SAR", "SDG", "SEK", "SGD", "SYP", "THB", "TJS", "TMT",
          "TND", "TRY", "UAH", "AED", "UYU", "VES", "VND", "XDR", "YER", "ZAR");

  private static final List<String> BY_CODE = CURRENCIES.stream().sorted().toList();
  private static final Set<String> PER_TEN = Set.of("IDR", "IRR", "VND");

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return CentralBankOfUzbekistanSource.BASE;
  }

  /** New Year, Women's Day, Navruz, Remembrance Day, Independence Day, Teachers', Constitution. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(3, 8),
        MonthDay.of(3, 21),
        MonthDay.of(5, 9),
        MonthDay.of(9, 1),
        MonthDay.of(10, 1),
        MonthDay.of(12, 8));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    String path = request.path();
    if (!path.matches("/all/\\d{4}-\\d{2}-\\d{2}/")) {
      return Optional.empty();
    }
    LocalDate applies = LocalDate.parse(path.substring(5, 15));
    LocalDate set = market.latest(CentralBankOfUzbekistanParser.settingDay(applies));
    LocalDate before = market.latest(set.minusDays(1));
    String date =
        CentralBankOfUzbekistanParser.DATE.format(CentralBankOfUzbekistanParser.appliesDay(set));
    StringBuilder json = new StringBuilder("[");
    for (String code : market.currencies()) {
      Currency currency = Currency.getInstance(code);
      BigDecimal rate = rate(market, set, code);
      BigDecimal diff = rate.subtract(rate(market, before, code));
      json.append(json.length() == 1 ? "" : ",")
          .append("{\"id\":")
          .append(BY_CODE.indexOf(code) + 1)
          .append(",\"Code\":\"")
          .append(String.format(Locale.ROOT, "%03d", currency.getNumericCode()))
          .append("\",\"Ccy\":\"")
          .append(code)
          .append("\",\"CcyNm_RU\":\"")
          .append(ascii(currency.getDisplayName(Locale.forLanguageTag("ru"))))
          .append("\",\"CcyNm_UZ\":\"")
          .append(ascii(currency.getDisplayName(Locale.forLanguageTag("uz"))))
          .append("\",\"CcyNm_UZC\":\"")
          .append(ascii(currency.getDisplayName(Locale.forLanguageTag("uz-Cyrl"))))
          .append("\",\"CcyNm_EN\":\"")
          .append(ascii(currency.getDisplayName(Locale.ENGLISH)))
          .append("\",\"Nominal\":\"")
          .append(PER_TEN.contains(code) ? "10" : "1")
          .append("\",\"Rate\":\"")
          .append(rate.toPlainString())
          .append("\",\"Diff\":\"")
          .append(diff.signum() == 0 ? "0" : diff.stripTrailingZeros().toPlainString())
          .append("\",\"Date\":\"")
          .append(date)
          .append("\"}");
    }
    return Optional.of(OfflineReply.ok("application/json", json.append(']').toString()));
  }

  /** UZS per {@code Nominal} units, two decimals. */
  private static BigDecimal rate(OfflineMarket market, LocalDate day, String code) {
    return market
        .homePer(day, code)
        .multiply(PER_TEN.contains(code) ? BigDecimal.TEN : BigDecimal.ONE)
        .setScale(2, RoundingMode.HALF_UP);
  }

  /** The text with every non-ASCII character as a {@code \\u} escape, as CBU sends it. */
  private static String ascii(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c < 128 && c != '"' && c != '\\') {
        out.append(c);
      } else {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return out.toString();
  }
}
