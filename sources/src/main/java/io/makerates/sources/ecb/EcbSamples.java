package io.makerates.sources.ecb;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ECB's three files played offline: the daily file (the newest TARGET day), the 90-day file and
 * the history file (two years here, not 27), newest day first, six significant digits.
 */
final class EcbSamples implements SampleAnswers {

  /** The 29 currencies of eurofxref-daily.xml since Bulgaria joined the euro in 2026. */
  static final List<String> CURRENCIES =
      List.of(
          "USD", "JPY", "CZK", "DKK", "GBP", "HUF", "PLN", "RON", "SEK", "CHF", "ISK", "NOK", "TRY",
          "AUD", "BRL", "CAD", "CNY", "HKD", "IDR", "ILS", "INR", "KRW", "MXN", "MYR", "NZD", "PHP",
          "SGD", "THB", "ZAR");

  private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_EVEN);

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return EcbSource.BASE;
  }

  /** TARGET holidays of fixed date (Easter's are left out offline). */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(MonthDay.of(1, 1), MonthDay.of(5, 1), MonthDay.of(12, 25), MonthDay.of(12, 26));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    LocalDate today = market.today();
    List<LocalDate> days =
        switch (request.path()) {
          case EcbSource.DAILY_FILE -> List.of(market.latest());
          case EcbSource.RECENT_FILE -> market.days(today.minusDays(90), today);
          case EcbSource.HISTORY_FILE ->
              market.days(LocalDate.of(today.getYear() - 2, 1, 1), today);
          default -> null;
        };
    return days == null
        ? Optional.empty()
        : Optional.of(OfflineReply.ok("text/xml", xml(days, market)));
  }

  private static String xml(List<LocalDate> days, OfflineMarket market) {
    StringBuilder cubes = new StringBuilder();
    for (LocalDate day : days.reversed()) {
      cubes.append("\t\t<Cube time='").append(day).append("'>\n");
      for (String currency : market.currencies()) {
        BigDecimal rate = market.eurTo(day, currency).round(SIX);
        cubes
            .append("\t\t\t<Cube currency='")
            .append(currency)
            .append("' rate='")
            .append(rate.toPlainString())
            .append("'/>\n");
      }
      cubes.append("\t\t</Cube>\n");
    }
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" \
        xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
        \t<gesmes:subject>Reference rates</gesmes:subject>
        \t<gesmes:Sender>
        \t\t<gesmes:name>European Central Bank</gesmes:name>
        \t</gesmes:Sender>
        \t<Cube>
        """
        + cubes
        + "\t</Cube>\n</gesmes:Envelope>\n";
  }
}
