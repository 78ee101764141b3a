package io.makerates.sources.rba;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The RBA's table F11.1 ({@code f11.1-data.csv}) played offline: the whole file whatever the dates
 * asked, here from 1 January two years back to today (the real one starts in 2023), UTF-8 with a
 * BOM, the header block, one row per business day oldest first, then empty lines. Values are units
 * per AUD to the table's decimals (two for JPY, KRW, INR, THB, TWD, PHP, none for IDR and VND, four
 * for the rest), and the trade-weighted index is a fixed figure. The AED and ZAR columns stay
 * empty, as they have been since October 2024, and so does a column the market has no rate for.
 */
final class RbaSamples implements SampleAnswers {

  /**
   * The currencies with values in the table: every currency column but AED and ZAR, whose cells
   * have been empty since October 2024 (and so in the whole recorded file).
   */
  static final List<String> CURRENCIES =
      List.of(
          "USD", "CNY", "JPY", "EUR", "KRW", "GBP", "SGD", "INR", "THB", "NZD", "TWD", "MYR", "IDR",
          "VND", "PGK", "HKD", "CAD", "CHF", "PHP", "XDR");

  /** The currency columns (Units, SDR as XDR), in the table's order after the index. */
  private static final List<String> COLUMNS =
      List.of(
          "USD", "CNY", "JPY", "EUR", "KRW", "GBP", "SGD", "INR", "THB", "NZD", "TWD", "MYR", "IDR",
          "VND", "AED", "PGK", "HKD", "CAD", "ZAR", "CHF", "PHP", "XDR");

  /** The series IDs of those columns, in the same order. */
  private static final List<String> SERIES =
      List.of(
          "FXRUSD", "FXRCR", "FXRJY", "FXREUR", "FXRSKW", "FXRUKPS", "FXRSD", "FXRIRE", "FXRTB",
          "FXRNZD", "FXRNTD", "FXRMR", "FXRIR", "FXRVD", "FXRUAED", "FXRPNGK", "FXRHKD", "FXRCD",
          "FXRSARD", "FXRSF", "FXRPHP", "FXRSDR");

  private static final Map<String, Integer> DECIMALS =
      Map.of("JPY", 2, "KRW", 2, "INR", 2, "THB", 2, "TWD", 2, "PHP", 2, "IDR", 0, "VND", 0);

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return ReserveBankOfAustraliaSource.BASE;
  }

  /** New Year, Australia Day, Anzac Day, Christmas and Boxing Day. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(1, 26),
        MonthDay.of(4, 25),
        MonthDay.of(12, 25),
        MonthDay.of(12, 26));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!"/f11.1-data.csv".equals(request.path())) {
      return Optional.empty();
    }
    LocalDate today = market.today();
    List<LocalDate> days = market.days(LocalDate.of(today.getYear() - 2, 1, 1), today);
    Set<String> quoted = Set.copyOf(market.currencies());
    String published = ReserveBankOfAustraliaParser.DATE.format(days.getLast());
    StringBuilder csv = new StringBuilder("\uFEFFF11.1  EXCHANGE RATES\n");
    StringBuilder title = new StringBuilder("Title,A$1=USD,Trade-weighted Index May 1970 = 100");
    StringBuilder description =
        new StringBuilder(
            "Description,AUD/USD Exchange Rate; see notes for further detail.,"
                + "Australian Dollar Trade-weighted Index");
    StringBuilder frequency = new StringBuilder("Frequency,Daily,Daily");
    StringBuilder type = new StringBuilder("Type,Indicative,Indicative");
    StringBuilder units = new StringBuilder("Units,USD,Index");
    StringBuilder source = new StringBuilder("Source,WM/Reuters,RBA");
    StringBuilder publication = new StringBuilder("Publication date,").append(published);
    publication.append(',').append(published);
    StringBuilder series = new StringBuilder("Series ID,FXRUSD,FXRTWI");
    for (String currency : COLUMNS.subList(1, COLUMNS.size())) {
      String label = "XDR".equals(currency) ? "SDR" : currency;
      title.append(",A$1=").append(label);
      description.append(",AUD/").append(label).append(" Exchange Rate");
      frequency.append(",Daily");
      type.append(",Indicative");
      units.append(',').append(label);
      source.append(',').append("XDR".equals(currency) ? "IMF" : "RBA");
      publication.append(',').append(quoted.contains(currency) ? published : "01-Oct-2024");
      series.append(',').append(SERIES.get(COLUMNS.indexOf(currency)));
    }
    for (StringBuilder line :
        List.of(
            title,
            description,
            frequency,
            type,
            units,
            new StringBuilder(),
            new StringBuilder(),
            source,
            publication,
            series)) {
      csv.append(line).append('\n');
    }
    for (LocalDate day : days) {
      csv.append(ReserveBankOfAustraliaParser.DATE.format(day));
      for (int i = 0; i < COLUMNS.size(); i++) {
        String currency = COLUMNS.get(i);
        csv.append(',');
        if (quoted.contains(currency)) {
          csv.append(
              market
                  .per(day, "AUD", currency)
                  .setScale(DECIMALS.getOrDefault(currency, 4), RoundingMode.HALF_UP)
                  .toPlainString());
        }
        if (i == 0) {
          csv.append(",62.80"); // the trade-weighted index, no currency
        }
      }
      csv.append('\n');
    }
    csv.append("\n".repeat(40));
    return Optional.of(
        OfflineReply.ok(
            "application/octet-stream", csv.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
