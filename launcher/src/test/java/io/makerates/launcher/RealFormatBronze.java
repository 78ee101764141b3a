package io.makerates.launcher;

import io.makerates.runtime.Checksums;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Bronze records as the extractor writes them for three independent sources, in their real formats:
 * the ECB's daily XML (EUR base), exchangerate-api's keyed latest JSON (USD base, with its own EUR
 * entry) and the Bank of Canada's Valet JSON (CAD base, string values). Each source's values differ
 * from the day's reference by a few basis points, as real sources do, so the three agree.
 */
final class RealFormatBronze {

  private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_EVEN);

  private RealFormatBronze() {}

  /** EUR→X reference rates of a day: a smooth made-up series, in exact decimals. */
  static Map<String, BigDecimal> reference(LocalDate day) {
    BigDecimal t = BigDecimal.valueOf(day.toEpochDay() % 97);
    Map<String, BigDecimal> rates = new LinkedHashMap<>();
    rates.put("USD", series("1.08", "0.0004", t));
    rates.put("JPY", series("161.2", "0.05", t));
    rates.put("GBP", series("0.85", "0.0001", t));
    rates.put("CHF", series("0.95", "-0.0002", t));
    rates.put("CAD", series("1.47", "0.0003", t));
    return rates;
  }

  private static BigDecimal series(String start, String step, BigDecimal t) {
    return new BigDecimal(start).add(new BigDecimal(step).multiply(t)).round(SIX);
  }

  static BronzeExtraction ecb(LocalDate day, Instant at, UUID id) {
    StringBuilder cubes = new StringBuilder();
    reference(day)
        .forEach(
            (ccy, rate) ->
                cubes
                    .append("\t\t\t<Cube currency='")
                    .append(ccy)
                    .append("' rate='")
                    .append(shift(rate, 0).toPlainString())
                    .append("'/>\n"));
    String body =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
        \t<gesmes:subject>Reference rates</gesmes:subject>
        \t<gesmes:Sender>
        \t\t<gesmes:name>European Central Bank</gesmes:name>
        \t</gesmes:Sender>
        \t<Cube>
        \t\t<Cube time='%s'>
        %s\t\t</Cube>
        \t</Cube>
        </gesmes:Envelope>
        """
            .formatted(day, cubes);
    return bronze(
        "ecb",
        "ecb",
        "https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml",
        body,
        "text/xml",
        at,
        id);
  }

  static BronzeExtraction exchangeRateApi(LocalDate day, Instant at, UUID id) {
    Map<String, BigDecimal> eur = reference(day);
    BigDecimal usd = shift(eur.get("USD"), 4);
    StringBuilder rates =
        new StringBuilder("   \"USD\": 1,\n   \"EUR\": ")
            .append(BigDecimal.ONE.divide(usd, SIX).toPlainString());
    eur.forEach(
        (ccy, rate) -> {
          if (!ccy.equals("USD")) {
            rates
                .append(",\n   \"")
                .append(ccy)
                .append("\": ")
                .append(shift(rate, 4).divide(usd, SIX).toPlainString());
          }
        });
    String updated =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            day.atStartOfDay().plusSeconds(1).atOffset(ZoneOffset.UTC));
    String body =
        """
        {
         "result": "success",
         "documentation": "https://www.exchangerate-api.com/docs",
         "terms_of_use": "https://www.exchangerate-api.com/terms",
         "time_last_update_unix": %d,
         "time_last_update_utc": "%s",
         "base_code": "USD",
         "conversion_rates": {
        %s
         }
        }
        """
            .formatted(day.atStartOfDay().toEpochSecond(ZoneOffset.UTC) + 1, updated, rates);
    return bronze(
        "exchangerate-api",
        "exchangerate-api",
        "https://v6.exchangerate-api.com/v6/***/latest/USD",
        body,
        "application/json",
        at,
        id);
  }

  static BronzeExtraction bankOfCanada(LocalDate day, Instant at, UUID id) {
    Map<String, BigDecimal> eur = reference(day);
    BigDecimal eurCad = shift(eur.get("CAD"), -3);
    StringBuilder series =
        new StringBuilder("\"FXEURCAD\": {\"v\": \"").append(eurCad.toPlainString()).append("\"}");
    eur.forEach(
        (ccy, rate) -> {
          if (!ccy.equals("CAD")) {
            series
                .append(", \"FX")
                .append(ccy)
                .append("CAD\": {\"v\": \"")
                .append(eurCad.divide(shift(rate, -3), SIX).toPlainString())
                .append("\"}");
          }
        });
    String body =
        """
        {
            "terms": {"url": "https://www.bankofcanada.ca/terms/"},
            "groupDetail": {"label": "Daily exchange rates", "description": "Daily average exchange rates", "link": null},
            "observations": [
                {"d": "%s", %s}
            ]
        }
        """
            .formatted(day, series);
    return bronze(
        "boc",
        "boc",
        "https://www.bankofcanada.ca/valet/observations/group/FX_RATES_DAILY/json?start_date="
            + day
            + "&end_date="
            + day,
        body,
        "application/json",
        at,
        id);
  }

  /**
   * The Czech National Bank's daily JSON: CZK per {@code amount} units with three decimals, the
   * trailing zero kept (24.170 CZK per EUR, 15.123 CZK per 100 JPY, 22.345 CZK per USD).
   */
  static BronzeExtraction czechNationalBank(LocalDate day, Instant at, UUID id) {
    String body =
        """
        {"rates":[\
        {"validFor":"%1$s","order":50,"country":"EMU","currency":"euro","amount":1,"currencyCode":"EUR","rate":24.170},\
        {"validFor":"%1$s","order":50,"country":"Japan","currency":"yen","amount":100,"currencyCode":"JPY","rate":15.123},\
        {"validFor":"%1$s","order":50,"country":"USA","currency":"dollar","amount":1,"currencyCode":"USD","rate":22.345}]}
        """
            .formatted(day);
    return bronze(
        "cnb",
        "cnb",
        "https://api.cnb.cz/cnbapi/exrates/daily?date=" + day + "&lang=EN",
        body,
        "application/json",
        at,
        id);
  }

  /**
   * The Bank of Russia's XML_daily: RUB per {@code Nominal} units with a decimal comma, dated the
   * day after the setting day it is filed under.
   */
  static BronzeExtraction bankOfRussia(LocalDate day, Instant at, UUID id) {
    String body =
        "<?xml version=\"1.0\" encoding=\"windows-1251\"?><ValCurs Date=\""
            + DateTimeFormatter.ofPattern("dd.MM.yyyy").format(day.plusDays(1))
            + "\" name=\"Foreign Currency Market\">"
            + "<Valute ID=\"R01239\"><NumCode>978</NumCode><CharCode>EUR</CharCode><Nominal>1</Nominal>"
            + "<Name>Euro</Name><Value>101,2030</Value></Valute>"
            + "<Valute ID=\"R01820\"><NumCode>392</NumCode><CharCode>JPY</CharCode><Nominal>100</Nominal>"
            + "<Name>Yen</Name><Value>62,8100</Value></Valute>"
            + "<Valute ID=\"R01235\"><NumCode>840</NumCode><CharCode>USD</CharCode><Nominal>1</Nominal>"
            + "<Name>US Dollar</Name><Value>93,4500</Value></Valute></ValCurs>";
    return bronze(
        "cbr",
        "cbr",
        "https://www.cbr.ru/scripts/XML_daily.asp?date_req="
            + DateTimeFormatter.ofPattern("dd/MM/yyyy").format(day.plusDays(1)),
        body,
        "application/xml",
        at,
        id);
  }

  /**
   * NBP's Table B: PLN per one unit (0.9753 PLN per AED, 0.028106 per DZD), and no EUR, so its
   * rates vote through Table A's EUR/PLN.
   */
  static BronzeExtraction nbpTableB(LocalDate day, Instant at, UUID id) {
    String body =
        """
        [{"table":"B","no":"009/B/NBP/2026","effectiveDate":"%s","rates":[\
        {"currency":"dirham ZEA (Zjednoczone Emiraty Arabskie)","code":"AED","mid":0.9753},\
        {"currency":"dinar algierski","code":"DZD","mid":0.028106}]}]
        """
            .formatted(day);
    return bronze(
        "nbp-b",
        "nbp-b",
        "https://api.nbp.pl/api/exchangerates/tables/B/" + day + "/?format=json",
        body,
        "application/json",
        at,
        id);
  }

  /**
   * {@code bps} basis points away from {@code rate}, six significant digits as the sources send.
   */
  private static BigDecimal shift(BigDecimal rate, int bps) {
    return rate.multiply(BigDecimal.ONE.add(BigDecimal.valueOf(bps, 4))).round(SIX);
  }

  private static BronzeExtraction bronze(
      String sourceId,
      String type,
      String url,
      String body,
      String contentType,
      Instant at,
      UUID id) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return BronzeExtraction.newBuilder()
        .setExtractionId(id)
        .setExtractedAt(at)
        .setSourceId(sourceId)
        .setSourceType(type)
        .setSourceVersion("v1")
        .setTier(SourceTier.PRIMARY)
        .setTrigger(ExtractionTrigger.SCHEDULE)
        .setRequest(new HttpRequestRecord(url, "GET", Map.of(), Map.of()))
        .setResponse(
            new HttpResponseRecord(
                200,
                Map.of("content-type", contentType),
                ByteBuffer.wrap(bytes),
                contentType,
                (long) bytes.length,
                Checksums.sha256Hex(bytes)))
        .setDurationMillis(120L)
        .setHost("test-host")
        .setInstance("test-instance")
        .setPipelineVersion("test")
        .build();
  }
}
