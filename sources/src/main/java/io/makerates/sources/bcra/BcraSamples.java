package io.makerates.sources.bcra;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The BCRA's {@code /Cotizaciones} played offline: the newest day, or the day of {@code ?fecha=},
 * every row with the bank's label and description, {@code tipoCotizacion} ARS per unit (per 1000
 * VND) and {@code tipoPase} USD per unit, written with eight decimals as the API writes them. The
 * REF dollar and the offshore yuan are there as the bank lists them; the metals (0 ARS, USD per
 * ounce) are left out, the market having no price for them. A day without quotes answers {@code
 * "fecha":null} with no rows, as a holiday does.
 */
final class BcraSamples implements SampleAnswers {

  /** The currencies the parser keeps, in the answer's order (MXP and VEB filed as MXN and VES). */
  static final List<String> CURRENCIES =
      List.of(
          "AUD", "AWG", "BOB", "BRL", "CAD", "CHF", "CLP", "CNY", "COP", "CZK", "DKK", "EUR", "GBP",
          "HKD", "ILS", "INR", "JPY", "MXN", "NIO", "NOK", "NZD", "PEN", "PYG", "RSD", "RUB", "SEK",
          "SGD", "TRY", "USD", "UYU", "VES", "VND", "XDR", "ZAR");

  /** Each row: its label, the ISO code of its value (REF is a dollar, CNH a yuan), description. */
  private static final String ROWS =
      """
      ARS ARS PESO|AUD AUD DOLAR AUSTRALIA|AWG AWG FLORIN (ANTILLAS HOLANDESAS)|BOB BOB BOLIVIANOS|\
      BRL BRL REAL|CAD CAD DOLAR CANADIEN.|CHF CHF FRANCO SUIZO|CLP CLP PESO CHILENO|\
      CNH CNY YUAN CNH RENMINBI OFF SHORE|CNY CNY YUAN CNY RENMINBI|COP COP COLOMBIANOS|\
      CZK CZK CORONAS CHECAS|DKK DKK CORONAS DANESAS|EUR EUR EURO|GBP GBP LIBRA ESTERLINA|\
      HKD HKD DOLAR HONG KONG|ILS ILS LIBRA ISRAELI|INR INR RUPIA (INDIA)|JPY JPY YENS|\
      MXP MXN PESO MEXICANO|NIO NIO CORDOBA NICARAGUENSE|NOK NOK CORONAS NORUEGA|\
      NZD NZD DOLAR NEOZELANDES|PEN PEN SOLES|PYG PYG GUARANIES|REF USD DOLAR REFERENCIA COM 3500|\
      RSD RSD DINAR SERBIA|RUB RUB RUSIA|SEK SEK CORONAS SUECAS|SGD SGD DOLAR DE SINGAPUR|\
      TRY TRY LIRA TURCA|USD USD DOLAR E.E.U.U.|UYU UYU PESO URUGUAYO|VEB VES BOLIVARES|\
      VND VND DONG VIETNAM (C/1.000 UNIDADES)|XDR XDR DEG|ZAR ZAR RAND SUD""";

  private static final MathContext SIX = new MathContext(6, RoundingMode.HALF_UP);
  private static final String JSON = "application/json; charset=utf-8";

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return BancoCentralArgentinaSource.BASE;
  }

  /** Argentine holidays of fixed date. */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(3, 24),
        MonthDay.of(4, 2),
        MonthDay.of(5, 1),
        MonthDay.of(5, 25),
        MonthDay.of(6, 20),
        MonthDay.of(7, 9),
        MonthDay.of(12, 8),
        MonthDay.of(12, 25));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!"/Cotizaciones".equals(request.path())) {
      return Optional.empty();
    }
    String fecha = request.param("fecha");
    if (fecha == null) {
      return Optional.of(OfflineReply.ok(JSON, quotes(market.latest(), market)));
    }
    LocalDate day;
    try {
      day = LocalDate.parse(fecha);
    } catch (DateTimeParseException notADate) {
      return Optional.of(
          OfflineReply.status(
              400,
              JSON,
              "{\"status\":400,\"errorMessages\":[\"La fecha ingresada no es valida.\"]}"));
    }
    return Optional.of(
        OfflineReply.ok(
            JSON,
            market.publishes(day)
                ? quotes(day, market)
                : "{\"status\":200,\"results\":{\"fecha\":null,\"detalle\":[]}}"));
  }

  private static String quotes(LocalDate day, OfflineMarket market) {
    StringBuilder json =
        new StringBuilder("{\"status\":200,\"results\":{\"fecha\":\"")
            .append(day)
            .append("\",\"detalle\":[");
    for (Map.Entry<String, String[]> row : rows().entrySet()) {
      String iso = row.getValue()[0];
      boolean home = "ARS".equals(iso);
      if (!home && !market.currencies().contains(iso)) {
        continue;
      }
      String description = row.getValue()[1];
      BigDecimal units = new BigDecimal(description.contains("C/1.000") ? "1000" : "1");
      BigDecimal pase =
          "USD".equals(iso) ? BigDecimal.ZERO : market.per(day, iso, "USD").round(SIX);
      BigDecimal cotizacion =
          home ? BigDecimal.ZERO : market.homePer(day, iso).multiply(units).round(SIX);
      json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
          .append("{\"codigoMoneda\":\"")
          .append(row.getKey())
          .append("\",\"descripcion\":\"")
          .append(description)
          .append("\",\"tipoPase\":")
          .append(pase.setScale(8, RoundingMode.HALF_UP).toPlainString())
          .append(",\"tipoCotizacion\":")
          .append(cotizacion.setScale(8, RoundingMode.HALF_UP).toPlainString())
          .append("}");
    }
    return json.append("]}}").toString();
  }

  /** Label → {ISO code, description}, in the answer's order. */
  private static Map<String, String[]> rows() {
    Map<String, String[]> rows = new LinkedHashMap<>();
    for (String row : ROWS.split("\\|")) {
      String[] cells = row.strip().split(" ", 3);
      rows.put(cells[0], new String[] {cells[1], cells[2]});
    }
    return rows;
  }
}
