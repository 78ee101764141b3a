package io.makerates.sources.exchangerateapi;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * open.er-api.com played offline: {@code /v6/latest/{BASE}}, updated just after midnight UTC every
 * day, weekends included; the base first at 1, then every other code alphabetically, six decimals
 * (trailing zeros dropped, as JSON numbers). A code it does not know answers its {@code
 * unsupported-code} error. It has no history: the adapter asks for none.
 */
final class ExchangeRateApiSamples implements SampleAnswers {

  /**
   * The 165 codes of a full open.er-api USD answer besides USD: ISO codes, non-ISO ones (CNH, FOK,
   * GGP, IMP, JEP, KID, TVD) and retired ones (BGN, HRK, SLL, ZWL).
   */
  static final List<String> CURRENCIES =
      List.of(
          "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
          "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD",
          "CDF", "CHF", "CLF", "CLP", "CNH", "CNY", "COP", "CRC", "CUP", "CVE", "CZK", "DJF", "DKK",
          "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "FOK", "GBP", "GEL", "GGP", "GHS",
          "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HRK", "HTG", "HUF", "IDR", "ILS", "IMP",
          "INR", "IQD", "IRR", "ISK", "JEP", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KID", "KMF",
          "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA",
          "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN", "NAD", "NGN",
          "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR",
          "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL",
          "SOS", "SRD", "SSP", "STN", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD",
          "TVD", "TWD", "TZS", "UAH", "UGX", "UYU", "UZS", "VES", "VND", "VUV", "WST", "XAF", "XCD",
          "XCG", "XDR", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG", "ZWL");

  private static final Pattern LATEST = Pattern.compile("/v6/latest/([A-Z]{3})/?");
  private static final String UNSUPPORTED =
      """
      {"result":"error","documentation":"https://www.exchangerate-api.com/docs/free",\
      "terms-of-use":"https://www.exchangerate-api.com/terms","error-type":"unsupported-code"}""";

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return ExchangeRateApiSource.DEFAULT_BASE;
  }

  @Override
  public boolean publishesOnWeekends() {
    return true;
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    Matcher latest = LATEST.matcher(request.path());
    if (!latest.matches()) {
      return Optional.empty();
    }
    String base = latest.group(1);
    TreeSet<String> others = new TreeSet<>(market.currencies());
    others.add(home());
    if (!others.remove(base)) {
      return Optional.of(OfflineReply.status(404, "application/json", UNSUPPORTED));
    }
    LocalDate day = market.latest();
    StringBuilder rates = new StringBuilder("  \"").append(base).append("\": 1");
    for (String currency : others) {
      BigDecimal rate =
          market.per(day, base, currency).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
      rates.append(",\n  \"").append(currency).append("\": ").append(rate.toPlainString());
    }
    ZonedDateTime updated = day.atStartOfDay(ZoneOffset.UTC).plusSeconds(151);
    ZonedDateTime next = updated.plusDays(1).plusMinutes(28).minusSeconds(10);
    String body =
        """
        {
         "result": "success",
         "provider": "https://www.exchangerate-api.com",
         "documentation": "https://www.exchangerate-api.com/docs/free",
         "terms_of_use": "https://www.exchangerate-api.com/terms",
         "time_last_update_unix": %d,
         "time_last_update_utc": "%s",
         "time_next_update_unix": %d,
         "time_next_update_utc": "%s",
         "time_eol_unix": 0,
         "base_code": "%s",
         "rates": {
        %s
         }
        }
        """
            .formatted(
                updated.toEpochSecond(),
                utc(updated),
                next.toEpochSecond(),
                utc(next),
                base,
                rates);
    return Optional.of(OfflineReply.ok("application/json", body));
  }

  /** RFC 1123 as the API writes it: a two-digit day and {@code +0000}. */
  private static String utc(ZonedDateTime time) {
    return DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.ENGLISH)
        .format(time);
  }
}
