package io.makerates.sources.bnr;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The BNR's files played offline: {@code /nbrfxrates.xml} (the newest banking day) and {@code
 * /files/xml/years/nbrfxrates{year}.xml} (every banking day of the year so far, oldest first; a
 * year without one is not there yet: 404). RON per {@code multiplier} units (100 for HUF, IDR, ISK,
 * JPY, KRW), four decimals with trailing zeros kept, in one line of UTF-8 XML after the
 * declaration. XAU (per gram) is left out: the market has no gold price.
 */
final class NationalBankOfRomaniaSamples implements SampleAnswers {

  /** The 36 currencies of the reference rates besides gold, in the files' order. */
  static final List<String> CURRENCIES =
      List.of(
          "AED", "AUD", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "EGP", "EUR", "GBP", "HKD", "HUF",
          "IDR", "ILS", "INR", "ISK", "JPY", "KRW", "MDL", "MXN", "MYR", "NOK", "NZD", "PHP", "PLN",
          "RSD", "RUB", "SEK", "SGD", "THB", "TRY", "UAH", "USD", "XDR", "ZAR");

  private static final Set<String> PER_HUNDRED = Set.of("HUF", "IDR", "ISK", "JPY", "KRW");
  private static final Pattern YEAR = Pattern.compile("/files/xml/years/nbrfxrates(\\d{4})\\.xml");

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return NationalBankOfRomaniaSource.BASE;
  }

  /** Romanian public holidays of fixed date. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(1, 2),
        MonthDay.of(1, 6),
        MonthDay.of(1, 7),
        MonthDay.of(1, 24),
        MonthDay.of(5, 1),
        MonthDay.of(6, 1),
        MonthDay.of(8, 15),
        MonthDay.of(11, 30),
        MonthDay.of(12, 1),
        MonthDay.of(12, 25),
        MonthDay.of(12, 26));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    List<LocalDate> days;
    Matcher year = YEAR.matcher(request.path());
    if (request.path().equals("/nbrfxrates.xml")) {
      days = List.of(market.latest());
    } else if (year.matches()) {
      int y = Integer.parseInt(year.group(1));
      days = market.days(LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31));
      if (days.isEmpty()) {
        return Optional.of(OfflineReply.status(404, "text/html", "<h1>404 Not Found</h1>"));
      }
    } else {
      return Optional.empty();
    }
    StringBuilder cubes = new StringBuilder();
    for (LocalDate day : days) {
      cubes.append("<Cube date=\"").append(day).append("\">");
      for (String currency : market.currencies()) {
        boolean hundred = PER_HUNDRED.contains(currency);
        BigDecimal rate =
            market
                .homePer(day, currency)
                .multiply(BigDecimal.valueOf(hundred ? 100 : 1))
                .setScale(4, RoundingMode.HALF_UP);
        cubes
            .append("<Rate currency=\"")
            .append(currency)
            .append(hundred ? "\" multiplier=\"100\">" : "\">")
            .append(rate.toPlainString())
            .append("</Rate>");
      }
      cubes.append("</Cube>");
    }
    String xml =
        """
        <?xml version="1.0" encoding="utf-8"?>
        <DataSet xmlns="https://www.bnr.ro/xsd" \
        xmlns:xsi="https://www.w3.org/2001/XMLSchema-instance" \
        xsi:schemaLocation="https://curs.bnr.ro/xsd/nbrfxrates.xsd"><Header>\
        <Publisher>National Bank of Romania</Publisher><PublishingDate>%s</PublishingDate>\
        <MessageType>DR</MessageType></Header><Body><Subject>Reference rates</Subject>\
        <OrigCurrency>RON</OrigCurrency>%s</Body></DataSet>"""
            .formatted(days.getLast(), cubes);
    return Optional.of(OfflineReply.ok("text/xml", xml));
  }
}
