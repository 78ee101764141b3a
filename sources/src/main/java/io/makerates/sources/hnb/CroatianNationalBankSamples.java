package io.makerates.sources.hnb;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * HNB's euro list {@code /tecajn-eur/v3} played offline: one list for every calendar day asked on
 * which a list applies, carrying the ECB rates of the weekday before (a weekend's lists copy
 * Friday's; after a TARGET holiday the day before it); units per EUR with six decimals and a
 * decimal comma, the buying rate 0.15 % above the middle and the selling rate 0.15 % below. A day
 * whose list is not made yet has no rows: an answer with none is an empty array.
 */
final class CroatianNationalBankSamples implements SampleAnswers {

  /** The 13 codes of a real list, in its order. */
  static final List<String> CURRENCIES =
      List.of(
          "AUD", "CAD", "CZK", "DKK", "HUF", "JPY", "NOK", "SEK", "CHF", "GBP", "USD", "BAM",
          "PLN");

  private static final BigDecimal SPREAD = new BigDecimal("0.0015");
  private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_EVEN);
  private static final Locale CROATIAN = Locale.forLanguageTag("hr");

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return CroatianNationalBankSource.BASE;
  }

  /** The TARGET holidays of fixed date, when the ECB publishes no rates to copy. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(12, 25), MonthDay.of(12, 26));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    String od = request.param("datum-primjene-od");
    String until = request.param("datum-primjene-do");
    if (!"/tecajn-eur/v3".equals(request.path()) || od == null || until == null) {
      return Optional.empty();
    }
    StringBuilder json = new StringBuilder("[");
    for (LocalDate applies = LocalDate.parse(od);
        !applies.isAfter(LocalDate.parse(until));
        applies = applies.plusDays(1)) {
      LocalDate ecbDay = CroatianNationalBankParser.ecbDay(applies);
      if (ecbDay.isAfter(market.today())) {
        break; // not made yet
      }
      LocalDate copied = market.latest(ecbDay);
      for (String code : market.currencies()) {
        json.append(json.length() == 1 ? "" : ",").append(row(applies, copied, code, market));
      }
    }
    return Optional.of(
        OfflineReply.ok("application/json; charset=utf-8", json.append(']').toString()));
  }

  private static String row(LocalDate applies, LocalDate copied, String code, OfflineMarket m) {
    Locale country = new Locale.Builder().setRegion(code.substring(0, 2)).build();
    BigDecimal middle = m.eurTo(copied, code).round(SIX); // the ECB's six digits
    return "{\"broj_tecajnice\":\""
        + applies.getDayOfYear()
        + "\",\"datum_primjene\":\""
        + applies
        + "\",\"drzava\":\""
        + country.getDisplayCountry(CROATIAN)
        + "\",\"drzava_iso\":\""
        + country.getISO3Country()
        + "\",\"kupovni_tecaj\":\""
        + comma(middle.multiply(BigDecimal.ONE.add(SPREAD)))
        + "\",\"prodajni_tecaj\":\""
        + comma(middle.multiply(BigDecimal.ONE.subtract(SPREAD)))
        + "\",\"sifra_valute\":\""
        + String.format(Locale.ROOT, "%03d", Currency.getInstance(code).getNumericCode())
        + "\",\"srednji_tecaj\":\""
        + comma(middle)
        + "\",\"valuta\":\""
        + code
        + "\"}";
  }

  /** Six decimals with a decimal comma, as HNB writes them. */
  private static String comma(BigDecimal value) {
    return value.setScale(6, RoundingMode.HALF_UP).toPlainString().replace('.', ',');
  }
}
