package io.makerates.sources.nbe;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The NBE's {@code /filter-exchange-rates?date=YYYY-MM-DD} played offline: the list of that day,
 * ETB per unit (the yen included) as 4-decimal strings, buying and selling about 0.5 % either side
 * of the mid, {@code weighted_average} the mid, except for USD whose {@code weighted_average} is
 * its buying rate (as NBE sends it). A day without a list (or no date) is answered with an empty
 * {@code data} array.
 */
final class NationalBankOfEthiopiaSamples implements SampleAnswers {

  /** The 19 codes of a list, in NBE's order. */
  static final List<String> CURRENCIES =
      List.of(
          "JPY", "KWD", "CNY", "ZAR", "XDR", "EUR", "AED", "SAR", "AUD", "CAD", "USD", "KES", "INR",
          "DJF", "DKK", "NOK", "SEK", "CHF", "GBP");

  /** The names as NBE spells them. */
  private static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("JPY", "JAPANESE YEN"),
          Map.entry("KWD", "KUWAITI DINAR"),
          Map.entry("CNY", "CHINESE YUAN"),
          Map.entry("ZAR", "SOUTH AFRICAN RAND"),
          Map.entry("XDR", "SDR"),
          Map.entry("EUR", "EURO"),
          Map.entry("AED", "UAE DIRHAM"),
          Map.entry("SAR", "SAUDI RIYAL"),
          Map.entry("AUD", "AUSTRALIAN DOLLAR"),
          Map.entry("CAD", "CANADIAN DOLLAR"),
          Map.entry("USD", "US DOLLAR"),
          Map.entry("KES", "KENYAN SHILLING"),
          Map.entry("INR", "INDIAN RUPEE"),
          Map.entry("DJF", "DJIBOUTI FRANC"),
          Map.entry("DKK", "DANISH KNRONER"),
          Map.entry("NOK", "NORWEGIAN KRONE"),
          Map.entry("SEK", "SWIDISH KNRONER"),
          Map.entry("CHF", "SWISS FRANC"),
          Map.entry("GBP", "POUND STERLING"));

  private static final BigDecimal HALF_SPREAD = new BigDecimal("0.005");
  private static final String CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz";

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return NationalBankOfEthiopiaSource.BASE;
  }

  /** Genna, Timkat, Adwa, Labour, Patriots', Derg Downfall, Enkutatash and Meskel. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 7),
        MonthDay.of(1, 19),
        MonthDay.of(3, 2),
        MonthDay.of(5, 1),
        MonthDay.of(5, 5),
        MonthDay.of(5, 28),
        MonthDay.of(9, 11),
        MonthDay.of(9, 27));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!"/filter-exchange-rates".equals(request.path())) {
      return Optional.empty();
    }
    LocalDate day;
    try {
      day = LocalDate.parse(String.valueOf(request.param("date")));
    } catch (DateTimeParseException notADate) {
      day = null;
    }
    StringBuilder data = new StringBuilder();
    if (day != null && market.publishes(day)) {
      for (String currency : market.currencies()) {
        data.append(data.isEmpty() ? "" : ",").append(rate(day, currency, market));
      }
    }
    return Optional.of(
        OfflineReply.ok(
            "application/json",
            "{\"success\":true,\"message\":\"OK\",\"status\":200,\"data\":[" + data + "]}"));
  }

  private static String rate(LocalDate day, String currency, OfflineMarket market) {
    BigDecimal mid = market.homePer(day, currency);
    String buying = four(mid.multiply(BigDecimal.ONE.subtract(HALF_SPREAD)));
    String selling = four(mid.multiply(BigDecimal.ONE.add(HALF_SPREAD)));
    String average = currency.equals("USD") ? buying : four(mid);
    String currencyId = id(currency.hashCode());
    return "{\"id\":\""
        + id((day + currency).hashCode())
        + "\",\"currency_id\":\""
        + currencyId
        + "\",\"buying\":\""
        + buying
        + "\",\"selling\":\""
        + selling
        + "\",\"date\":\""
        + day
        + "\",\"weighted_average\":\""
        + average
        + "\",\"currency\":{\"id\":\""
        + currencyId
        + "\",\"name\":\""
        + NAMES.get(currency)
        + "\",\"code\":\""
        + currency
        + "\"}}";
  }

  /** A ULID-like id of 26 lower-case Crockford characters, a pure function of {@code seed}. */
  private static String id(int seed) {
    StringBuilder id = new StringBuilder("01k");
    long bits = seed * 0x9E3779B97F4A7C15L;
    for (int i = 0; i < 23; i++) {
      bits = bits * 6364136223846793005L + 1442695040888963407L;
      id.append(CROCKFORD.charAt((int) (bits >>> 59)));
    }
    return id.toString();
  }

  private static String four(BigDecimal value) {
    return value.setScale(4, RoundingMode.HALF_UP).toPlainString();
  }
}
