package io.makerates.launcher;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/makerates rates}: the rates of one day and base, as readers see them in {@code
 * v_rates}.
 */
@Command(
    name = "rates",
    mixinStandardHelpOptions = true,
    description = {
      "Print the rates of a day (default: the newest day) against a base (default EUR), with status,"
          + " sources, spread, revision and flags; rates rounded to six significant digits for reading"
          + " (--exact for the stored decimals).",
      "Exit code 0: rates printed; 2: none for that day and base, or no services."
    })
final class RatesCommand extends ReadingCommand {

  @Option(
      names = "--date",
      paramLabel = "DATE",
      description = "The day, e.g. 2026-03-12 (default: the newest with rates).")
  String date;

  @Option(
      names = "--base",
      paramLabel = "CCY",
      defaultValue = "EUR",
      description =
          "The base currency (default ${DEFAULT-VALUE}; other bases are the derived cross rates).")
  String base;

  @Option(
      names = "--exact",
      description =
          "Print rates and spreads exactly as stored instead of rounded for reading (six significant"
              + " digits, spreads to two decimals).")
  boolean exact;

  RatesCommand() {
    super();
  }

  RatesCommand(Supplier<Map<String, String>> environment, PrintStream out, PrintStream err) {
    super(environment, out, err, false);
  }

  private record Row(
      String quote,
      BigDecimal rate,
      String status,
      int sources,
      BigDecimal spreadBps,
      int revision,
      boolean derived,
      String flags) {}

  @Override
  int read() throws Services.Unreachable, SQLException {
    String b = base.toUpperCase(Locale.ROOT);
    if (!b.matches("[A-Z]{3}")) {
      err.println("--base must be an ISO 4217 code such as EUR, not '" + base + "'");
      return 2;
    }
    Services services = services(true);
    try (Connection db = services.connect()) {
      LocalDate day;
      try {
        day = date == null ? newest(db, b) : LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        err.println("--date must be an ISO date such as 2026-03-12, not '" + date + "'");
        return 2;
      }
      if (day == null) {
        err.println(
            "No "
                + b
                + " rates are stored yet"
                + ("EUR".equals(b)
                    ? ""
                    : " (other bases than EUR are the" + " cross rates of MAKERATES_DERIVED_BASES)")
                + ".");
        return 2;
      }
      List<Row> rows = rows(db, day, b);
      if (rows.isEmpty()) {
        err.println(
            "No "
                + b
                + " rates on "
                + day
                + "; the newest day with "
                + b
                + " rates is "
                + newest(db, b)
                + ".");
        return 2;
      }
      // every rate of a base other than EUR is a cross rate: said once in the title, and FLAGS
      // keeps to the doubts a rate rests on
      boolean derived = rows.stream().anyMatch(Row::derived);
      out.printf(
          "%s rates on %s: %d pairs%s%s%n",
          b,
          day,
          rows.size(),
          derived ? ", cross rates through EUR" : "",
          exact ? ", exact as stored" : "");
      out.printf(
          "%-6s %-22s %-13s %7s %11s %8s  %s%n",
          "QUOTE", "RATE", "STATUS", "SOURCES", "SPREAD_BPS", "REVISION", "FLAGS");
      for (Row r : rows) {
        out.println(
            String.format(
                    "%-6s %-22s %-13s %7d %11s %8d  %s",
                    r.quote(),
                    exact ? r.rate().toPlainString() : RateDisplay.rate(r.rate()),
                    r.status(),
                    r.sources(),
                    exact
                        ? (r.spreadBps() == null ? "-" : r.spreadBps().toPlainString())
                        : RateDisplay.spreadBps(r.spreadBps()),
                    r.revision(),
                    r.flags())
                .stripTrailing()); // a clean rate has no flags: no trailing blanks
      }
      return 0;
    }
  }

  private static LocalDate newest(Connection db, String base) throws SQLException {
    try (PreparedStatement ps =
        db.prepareStatement("SELECT max(rate_date) FROM v_rates WHERE base = ?")) {
      ps.setString(1, base);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getObject(1, LocalDate.class);
      }
    }
  }

  private static List<Row> rows(Connection db, LocalDate day, String base) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement ps =
        db.prepareStatement(
            "SELECT quote, rate, status, source_count, spread_bps, revision,"
                + " derived, array_to_string(flags, ',') FROM v_rates WHERE rate_date = ? AND base = ? ORDER BY quote")) {
      ps.setObject(1, day);
      ps.setString(2, base);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.add(
              new Row(
                  rs.getString(1),
                  rs.getBigDecimal(2),
                  rs.getString(3),
                  rs.getInt(4),
                  rs.getBigDecimal(5),
                  rs.getInt(6),
                  rs.getBoolean(7),
                  rs.getString(8)));
        }
      }
    }
    return rows;
  }
}
