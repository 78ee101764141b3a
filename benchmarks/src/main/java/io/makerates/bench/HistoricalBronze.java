package io.makerates.bench;

import io.makerates.runtime.Checksums;
import io.makerates.runtime.currency.CurrencyTable;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ExtractionTrigger;
import io.makerates.schema.HttpRequestRecord;
import io.makerates.schema.HttpResponseRecord;
import io.makerates.schema.SourceTier;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.MonthDay;
import java.time.temporal.TemporalAdjusters;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Bronze for a long history of three independent sources, as their backfills would have collected
 * it, in their real formats and calendars:
 *
 * <ul>
 *   <li>the ECB: history XML in 31-day answers, TARGET business days only (no weekends, New Year,
 *       Good Friday, Easter Monday, 1 May, 25 and 26 December), its currencies as they came and
 *       went (the Cypriot pound until 2007, the Croatian kuna from 2005 to 2022, the rouble until
 *       March 2022, ...);
 *   <li>the Bank of Canada: Valet {@code FX_RATES_DAILY} JSON in 31-day answers from 2017-01-03
 *       (the group's start), Canadian business days, its 26 series, values as strings;
 *   <li>exchangerate-api: one keyed history answer per day, weekends included, base USD, about 160
 *       currencies and the few non-ISO codes it really sends (FOK, GGP, IMP, JEP, KID, TVD), which
 *       validation rejects.
 * </ul>
 *
 * Values are a seeded random walk per currency; each source quotes it a few basis points apart, as
 * real ones do.
 */
final class HistoricalBronze {

  private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_EVEN);
  private static final int CHUNK_DAYS = 31;

  /** ECB currencies with the first and last day it published them (null: open). */
  private record Listed(String code, LocalDate from, LocalDate to) {
    boolean on(LocalDate d) {
      return (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to));
    }
  }

  private static final List<Listed> ECB =
      List.of(
          l("USD"),
          l("JPY"),
          l("BGN"),
          l("CZK"),
          l("DKK"),
          l("GBP"),
          l("HUF"),
          l("PLN"),
          l("SEK"),
          l("CHF"),
          l("NOK"),
          l("AUD"),
          l("CAD"),
          l("HKD"),
          l("KRW"),
          l("NZD"),
          l("SGD"),
          l("ZAR"),
          l("CYP", null, "2007-12-31"),
          l("MTL", null, "2007-12-31"),
          l("SIT", null, "2006-12-29"),
          l("SKK", null, "2008-12-31"),
          l("EEK", null, "2010-12-31"),
          l("LVL", null, "2013-12-31"),
          l("LTL", null, "2014-12-31"),
          l("ROL", null, "2005-06-30"),
          l("RON", "2005-07-01", null),
          l("TRL", null, "2004-12-31"),
          l("TRY", "2005-01-03", null),
          l("HRK", "2005-07-01", "2022-12-30"),
          l("RUB", null, "2022-03-01"),
          l("ISK", null, "2008-12-02"),
          l("ISK", "2018-02-01", null),
          l("CNY", "2005-04-01", null),
          l("IDR", "2005-04-01", null),
          l("MYR", "2005-04-01", null),
          l("PHP", "2005-04-01", null),
          l("THB", "2005-04-01", null),
          l("BRL", "2008-01-02", null),
          l("MXN", "2008-01-02", null),
          l("INR", "2009-01-02", null),
          l("ILS", "2011-01-03", null));

  private static final List<String> BOC =
      List.of(
          "AUD", "BRL", "CNY", "EUR", "HKD", "INR", "IDR", "JPY", "MYR", "MXN", "NZD", "NOK", "PEN",
          "RUB", "SAR", "SGD", "ZAR", "KRW", "SEK", "CHF", "TWD", "THB", "TRY", "GBP", "USD",
          "VND");
  private static final LocalDate BOC_START = LocalDate.parse("2017-01-03");
  private static final List<String> ERAPI_NON_ISO =
      List.of("FOK", "GGP", "IMP", "JEP", "KID", "TVD");

  private final LocalDate from;
  private final LocalDate to;
  private final Instant extractedAt;
  private final List<String> erapiCodes;
  private final Map<String, BigDecimal[]> walk = new TreeMap<>();
  private final Map<LocalDate, Map<String, BigDecimal>> reference = new TreeMap<>();

  HistoricalBronze(LocalDate from, LocalDate to, Instant extractedAt) {
    this.from = from;
    this.to = to;
    this.extractedAt = extractedAt;
    Set<String> codes = new java.util.TreeSet<>();
    CurrencyTable.iso4217().all().stream()
        .filter(c -> c.retiredOn() == null && !c.code().startsWith("X") && c.minorUnits() != null)
        .forEach(c -> codes.add(c.code()));
    BOC.forEach(codes::add);
    codes.remove("EUR");
    erapiCodes =
        List.copyOf(codes); // active codes only: exchangerate-api quotes no retired currency
    ECB.forEach(
        e -> codes.add(e.code())); // the ECB's retired ones need a series too, for their years
    Random random = new Random(42);
    for (String code : codes) {
      // a start level between 0.03 and about 30,000 units per euro (0.3 to 0.9 times a power of
      // ten), and a daily
      // volatility of 0.2 % to 1 %, in basis points; rates stay exact decimals, the random draws
      // only pick steps
      BigDecimal level =
          BigDecimal.ONE
              .add(BigDecimal.valueOf(random.nextInt(200), 2))
              .scaleByPowerOfTen(random.nextInt(6) - 1)
              .multiply(new BigDecimal("0.3"));
      walk.put(code, new BigDecimal[] {level, BigDecimal.valueOf(20 + random.nextInt(81))});
    }
    Random steps = new Random(7);
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      Map<String, BigDecimal> day = new LinkedHashMap<>();
      for (var e : walk.entrySet()) {
        BigDecimal[] w = e.getValue();
        // one day's move: a normal draw times the volatility, in whole hundredths of a basis point
        BigDecimal move =
            BigDecimal.valueOf(Math.round(steps.nextGaussian() * w[1].intValue() * 100), 6);
        w[0] = w[0].multiply(BigDecimal.ONE.add(move)).round(SIX);
        day.put(e.getKey(), w[0]);
      }
      reference.put(d, day);
    }
  }

  /** Every bronze record, source by source, in the order the backfills would have written them. */
  long forEach(Consumer<BronzeExtraction> out) {
    long n = 0;
    n += ecb(out);
    n += bankOfCanada(out);
    n += exchangeRateApi(out);
    return n;
  }

  private long ecb(Consumer<BronzeExtraction> out) {
    long n = 0;
    for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(CHUNK_DAYS)) {
      LocalDate end = min(start.plusDays(CHUNK_DAYS - 1), to);
      StringBuilder xml =
          new StringBuilder(
              """
          <?xml version="1.0" encoding="UTF-8"?>
          <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
          \t<gesmes:subject>Reference rates</gesmes:subject>
          \t<gesmes:Sender>
          \t\t<gesmes:name>European Central Bank</gesmes:name>
          \t</gesmes:Sender>
          \t<Cube>
          """);
      // newest first, as the ECB's history files list them
      for (LocalDate d = end; !d.isBefore(start); d = d.minusDays(1)) {
        if (!targetBusinessDay(d)) {
          continue;
        }
        xml.append("\t\t<Cube time=\"").append(d).append("\">\n");
        for (Listed c : ECB) {
          if (c.on(d)) {
            xml.append("\t\t\t<Cube currency=\"")
                .append(c.code())
                .append("\" rate=\"")
                .append(quote(d, c.code(), 0).toPlainString())
                .append("\"/>\n");
          }
        }
        xml.append("\t\t</Cube>\n");
      }
      xml.append("\t</Cube>\n</gesmes:Envelope>\n");
      out.accept(
          bronze(
              "ecb",
              "ecb",
              "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.xml",
              xml,
              "text/xml",
              start,
              end,
              extractedAt.plusMillis(n * 250)));
      n++;
    }
    return n;
  }

  private long bankOfCanada(Consumer<BronzeExtraction> out) {
    long n = 0;
    for (LocalDate start = max(from, BOC_START);
        !start.isAfter(to);
        start = start.plusDays(CHUNK_DAYS)) {
      LocalDate end = min(start.plusDays(CHUNK_DAYS - 1), to);
      StringBuilder json =
          new StringBuilder(
              "{\n\"terms\":{\"url\":\"https://www.bankofcanada.ca/terms/\"},\n"
                  + "\"groupDetail\":{\"label\":\"Daily exchange rates\",\"description\":\"Daily average exchange rates\",\"link\":null},\n"
                  + "\"observations\":[");
      boolean first = true;
      for (LocalDate d = start; !d.isAfter(end); d = d.plusDays(1)) {
        if (!canadianBusinessDay(d)) {
          continue;
        }
        json.append(first ? "\n" : ",\n").append("{\"d\":\"").append(d).append('"');
        first = false;
        BigDecimal eurCad = quote(d, "CAD", -4);
        for (String code : BOC) {
          // CAD per unit of the currency: EUR→CAD over EUR→X
          BigDecimal value =
              code.equals("EUR")
                  ? eurCad
                  : eurCad
                      .divide(quote(d, code, -4), MathContext.DECIMAL64)
                      .round(
                          new MathContext(
                              code.equals("JPY")
                                      || code.equals("KRW")
                                      || code.equals("IDR")
                                      || code.equals("VND")
                                  ? 4
                                  : 5,
                              RoundingMode.HALF_EVEN));
          json.append(",\"FX")
              .append(code)
              .append("CAD\":{\"v\":\"")
              .append(value.toPlainString())
              .append("\"}");
        }
        json.append('}');
      }
      json.append("\n]\n}");
      out.accept(
          bronze(
              "boc",
              "boc",
              "https://www.bankofcanada.ca/valet/observations/group/FX_RATES_DAILY/json?start_date="
                  + start
                  + "&end_date="
                  + end,
              json,
              "application/json",
              start,
              end,
              extractedAt.plusSeconds(7200).plusMillis(n * 250)));
      n++;
    }
    return n;
  }

  private long exchangeRateApi(Consumer<BronzeExtraction> out) {
    long n = 0;
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      BigDecimal usd = quote(d, "USD", 8);
      StringBuilder json =
          new StringBuilder(
              "{\n \"result\":\"success\",\n \"documentation\":\"https://www.exchangerate-api.com/docs\",\n"
                  + " \"terms_of_use\":\"https://www.exchangerate-api.com/terms\",\n \"year\":"
                  + d.getYear()
                  + ",\n \"month\":"
                  + d.getMonthValue()
                  + ",\n \"day\":"
                  + d.getDayOfMonth()
                  + ",\n \"base_code\":\"USD\",\n \"conversion_rates\":{\n  \"USD\":1");
      json.append(",\n  \"EUR\":").append(BigDecimal.ONE.divide(usd, SIX).toPlainString());
      for (String code : erapiCodes) {
        if (!code.equals("USD")) {
          json.append(",\n  \"")
              .append(code)
              .append("\":")
              .append(quote(d, code, 8).divide(usd, SIX).toPlainString());
        }
      }
      for (String code : ERAPI_NON_ISO) {
        json.append(",\n  \"").append(code).append("\":").append("1.2345");
      }
      json.append("\n }\n}");
      out.accept(
          bronze(
              "exchangerate-api",
              "exchangerate-api",
              "https://v6.exchangerate-api.com/v6/***/history/USD/"
                  + d.getYear()
                  + "/"
                  + d.getMonthValue()
                  + "/"
                  + d.getDayOfMonth(),
              json,
              "application/json",
              d,
              d,
              extractedAt.plusSeconds(14400).plusMillis(n * 250)));
      n++;
    }
    return n;
  }

  /** One ECB history answer for one day, for the live trickle after the history. */
  BronzeExtraction ecbDay(LocalDate d, Instant at) {
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gesmes:Envelope "
                + "xmlns:gesmes=\"http://www.gesmes.org/xml/2002-08-01\" xmlns=\"http://www.ecb.int/vocabulary/2002-08-01/eurofxref\">"
                + "<Cube><Cube time=\""
                + d
                + "\">");
    Map<String, BigDecimal> last = reference.get(to);
    for (Listed c : ECB) {
      if (c.on(d)) {
        xml.append("<Cube currency=\"")
            .append(c.code())
            .append("\" rate=\"")
            .append(last.get(c.code()).toPlainString())
            .append("\"/>");
      }
    }
    xml.append("</Cube></Cube></gesmes:Envelope>");
    return bronze(
        "ecb",
        "ecb",
        "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.xml",
        xml,
        "text/xml",
        d,
        d,
        at);
  }

  /**
   * EUR→code on day d as a source quotes it: the reference, {@code bps} basis points apart, six
   * significant digits.
   */
  private BigDecimal quote(LocalDate d, String code, int bps) {
    BigDecimal ref = reference.get(d).get(code);
    return ref.multiply(BigDecimal.ONE.add(BigDecimal.valueOf(bps, 4))).round(SIX);
  }

  /** Each source's backfill ran after the previous one's, a request every 250 ms. */
  static BronzeExtraction bronze(
      String sourceId,
      String type,
      String url,
      CharSequence body,
      String contentType,
      LocalDate requestedFrom,
      LocalDate requestedTo,
      Instant extractedAt) {
    byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
    return BronzeExtraction.newBuilder()
        .setExtractionId(
            UUID.nameUUIDFromBytes(
                (sourceId + "/" + requestedFrom + "/" + extractedAt)
                    .getBytes(StandardCharsets.UTF_8)))
        .setExtractedAt(extractedAt)
        .setSourceId(sourceId)
        .setSourceType(type)
        .setSourceVersion("v1")
        .setTier(SourceTier.PRIMARY)
        .setTrigger(ExtractionTrigger.BACKFILL)
        .setBackfillRunId("benchmark-" + sourceId)
        .setRequestedFrom(requestedFrom)
        .setRequestedTo(requestedTo)
        .setRequest(new HttpRequestRecord(url, "GET", Map.of(), Map.of()))
        .setResponse(
            new HttpResponseRecord(
                200,
                Map.of("content-type", contentType),
                ByteBuffer.wrap(bytes),
                contentType,
                (long) bytes.length,
                Checksums.sha256Hex(bytes)))
        .setDurationMillis(180L)
        .setHost("benchmark")
        .setInstance("benchmark")
        .setPipelineVersion("benchmark")
        .build();
  }

  // --- calendars ---

  static boolean targetBusinessDay(LocalDate d) {
    if (weekend(d)) {
      return false;
    }
    LocalDate easter = easterSunday(d.getYear());
    return !(MonthDay.from(d).equals(MonthDay.of(1, 1))
        || d.equals(easter.minusDays(2))
        || d.equals(easter.plusDays(1))
        || MonthDay.from(d).equals(MonthDay.of(5, 1))
        || MonthDay.from(d).equals(MonthDay.of(12, 25))
        || MonthDay.from(d).equals(MonthDay.of(12, 26)));
  }

  static boolean canadianBusinessDay(LocalDate d) {
    if (weekend(d)) {
      return false;
    }
    int y = d.getYear();
    Set<LocalDate> closed =
        new HashSet<>(
            List.of(
                observed(LocalDate.of(y, 1, 1)),
                easterSunday(y).minusDays(2),
                LocalDate.of(y, 5, 25)
                    .with(TemporalAdjusters.previous(DayOfWeek.MONDAY)), // Victoria Day
                observed(LocalDate.of(y, 7, 1)),
                LocalDate.of(y, 8, 1)
                    .with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)), // Civic Holiday
                LocalDate.of(y, 9, 1)
                    .with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)), // Labour Day
                LocalDate.of(y, 10, 1)
                    .with(TemporalAdjusters.dayOfWeekInMonth(2, DayOfWeek.MONDAY)), // Thanksgiving
                observed(LocalDate.of(y, 11, 11)),
                observed(LocalDate.of(y, 12, 25)),
                LocalDate.of(y, 12, 26)));
    closed.add(
        LocalDate.of(y, 2, 1)
            .with(TemporalAdjusters.dayOfWeekInMonth(3, DayOfWeek.MONDAY))); // Family Day
    if (y >= 2021) {
      closed.add(LocalDate.of(y, 9, 30)); // National Day for Truth and Reconciliation
    }
    return !closed.contains(d)
        && !(d.getMonth() == Month.DECEMBER
            && d.getDayOfMonth() == 27
            && d.getDayOfWeek() == DayOfWeek.MONDAY); // Boxing Day observed
  }

  private static LocalDate observed(LocalDate holiday) {
    return switch (holiday.getDayOfWeek()) {
      case SATURDAY -> holiday.plusDays(2);
      case SUNDAY -> holiday.plusDays(1);
      default -> holiday;
    };
  }

  private static boolean weekend(LocalDate d) {
    return d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  /** The Gregorian Easter Sunday (anonymous algorithm). */
  static LocalDate easterSunday(int y) {
    int a = y % 19,
        b = y / 100,
        c = y % 100,
        d = b / 4,
        e = b % 4,
        f = (b + 8) / 25,
        g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30,
        i = c / 4,
        k = c % 4,
        l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = (h + l - 7 * m + 114) % 31 + 1;
    return LocalDate.of(y, month, day);
  }

  private static Listed l(String code) {
    return new Listed(code, null, null);
  }

  private static Listed l(String code, String from, String to) {
    return new Listed(
        code, from == null ? null : LocalDate.parse(from), to == null ? null : LocalDate.parse(to));
  }

  private static LocalDate min(LocalDate a, LocalDate b) {
    return a.isBefore(b) ? a : b;
  }

  private static LocalDate max(LocalDate a, LocalDate b) {
    return a.isAfter(b) ? a : b;
  }
}
