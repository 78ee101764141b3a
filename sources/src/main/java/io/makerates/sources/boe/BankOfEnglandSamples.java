package io.makerates.sources.boe;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Bank of England's database played offline: the CSV export of {@code
 * /_iadb-fromshowcolumns.asp} for the series asked ({@code SeriesCodes}) and the window {@code
 * Datefrom}..{@code Dateto} (written {@code 17/Mar/2026}): a {@code DATE,<series>} header, one row
 * per business day ({@code 17 Mar 2026}), CRLF. Values are units per one GBP, four decimals with
 * trailing zeros dropped. A series it does not know, or a date it cannot read, gets its HTML error
 * page with status 200, as the real database answers.
 */
final class BankOfEnglandSamples implements SampleAnswers {

  /** The 26 spot series' currencies, in the export's order. */
  static final List<String> CURRENCIES =
      BankOfEnglandSource.SERIES.stream().map(BankOfEnglandParser.SERIES::get).toList();

  private static final DateTimeFormatter WINDOW =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy", Locale.ENGLISH);
  private static final DateTimeFormatter ROW =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
  private static final String ERROR_PAGE =
      "<!DOCTYPE html><html><head><title>Bank of England Database</title></head><body>"
          + "<p>Sorry, we could not process your request.</p></body></html>";

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return BankOfEnglandSource.BASE;
  }

  /** New Year's Day, Christmas Day and Boxing Day. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(MonthDay.of(1, 1), MonthDay.of(12, 25), MonthDay.of(12, 26));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!request.path().equals("/_iadb-fromshowcolumns.asp")) {
      return Optional.empty();
    }
    List<String> series = new ArrayList<>();
    String codes = request.param("SeriesCodes");
    for (String code : codes == null ? new String[0] : codes.split(",")) {
      String currency = BankOfEnglandParser.SERIES.get(code.strip());
      if (currency == null) {
        return Optional.of(OfflineReply.ok("text/html", ERROR_PAGE));
      }
      if (market.quotes(currency)) {
        series.add(code.strip());
      }
    }
    String from = request.param("Datefrom");
    String to = request.param("Dateto");
    List<LocalDate> days;
    try {
      days =
          from == null || to == null
              ? null
              : market.days(LocalDate.parse(from, WINDOW), LocalDate.parse(to, WINDOW));
    } catch (DateTimeParseException unreadable) {
      days = null;
    }
    if (days == null || series.isEmpty()) {
      return Optional.of(OfflineReply.ok("text/html", ERROR_PAGE));
    }
    StringBuilder csv = new StringBuilder("DATE,").append(String.join(",", series)).append("\r\n");
    for (LocalDate day : days) {
      csv.append(ROW.format(day));
      for (String code : series) {
        String currency = BankOfEnglandParser.SERIES.get(code);
        csv.append(',')
            .append(
                market
                    .per(day, home(), currency)
                    .setScale(4, RoundingMode.HALF_UP)
                    .stripTrailingZeros()
                    .toPlainString());
      }
      csv.append("\r\n");
    }
    return Optional.of(OfflineReply.ok("application/csv", csv.toString()));
  }
}
