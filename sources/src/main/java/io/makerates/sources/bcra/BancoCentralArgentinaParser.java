package io.makerates.sources.bcra;

import static io.makerates.sources.JsonBodies.decimalText;
import static io.makerates.sources.JsonBodies.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.HomeQuotes;
import io.makerates.sources.JsonBodies;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.RateTexts;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Banco Central de la República Argentina ({@code bcra}) answers of {@code
 * /estadisticascambiarias/v1.0/Cotizaciones}: {@code {"status":200,"results":{"fecha":"2026-03-19",
 * "detalle":[{"codigoMoneda":"EUR","descripcion":"EURO","tipoPase":1.156,
 * "tipoCotizacion":1612.042},…]}}}, one day per answer. {@code tipoCotizacion} is ARS per unit, or
 * per the units a description names ({@code DONG VIETNAM (C/1.000 UNIDADES)}: per 1000, the dot a
 * thousands separator), so each becomes ARS→X = units / value. {@code tipoPase} (USD per unit) is
 * not used: it is the same figure seen through the dollar.
 *
 * <p>Rows that are no foreign currency in ARS are left out: ARS itself (0), REF (the wholesale
 * "Comunicación A 3500" dollar, a second USD figure), CNH (the offshore yuan, no ISO code, a copy
 * of CNY) and the metals, priced in USD per ounce only. The bank labels the Mexican peso MXP and
 * the bolívar VEB, codes ISO retired in 1993 and 2008, but their values are today's MXN and VES
 * (MXP 0.056 USD a unit), so they are filed under those. A holiday answers {@code "fecha":null}
 * with no rows: no days.
 */
public final class BancoCentralArgentinaParser implements AnswerParser {

  public static final String BASE = "ARS";
  static final Set<String> LEFT_OUT = Set.of("ARS", "REF", "CNH", "XAU", "XAG", "XPT", "XPD");
  static final Map<String, String> OLD_LABELS = Map.of("MXP", "MXN", "VEB", "VES");
  private static final Pattern UNITS = Pattern.compile("\\(C/\\s*([0-9.]+)\\s*UNIDADES\\)");

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    if (!root.isObject()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "answer is not a JSON object");
    }
    JsonNode results = root.get("results");
    if (results == null || !results.isObject()) {
      JsonNode messages = root.path("errorMessages");
      if (messages.isArray() && !messages.isEmpty()) {
        throw new AnswerRejectedException(
            ReasonCode.PROVIDER_ERROR, "provider error: " + messages.get(0).asText());
      }
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "no 'results' object");
    }
    JsonNode rows = results.get("detalle");
    if (rows == null || !rows.isArray()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "no 'detalle' array");
    }
    String fecha = text(results, "fecha");
    if (fecha == null) {
      if (rows.isEmpty()) {
        return List.of(); // a holiday: no quotes that day
      }
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "quotes without a 'fecha'");
    }
    LocalDate date = JsonBodies.isoDate(fecha, "fecha");
    Map<String, String> rates = new LinkedHashMap<>();
    for (JsonNode row : rows) {
      String code = text(row, "codigoMoneda");
      if (code == null || LEFT_OUT.contains(code)) {
        continue;
      }
      String value = decimalText(row.get("tipoCotizacion"));
      RateTexts.put(
          rates,
          fecha,
          OLD_LABELS.getOrDefault(code, code),
          value == null ? null : HomeQuotes.homeToForeign(value, units(text(row, "descripcion"))));
    }
    return List.of(new ProviderDay(date, BASE, rates));
  }

  /** The units a description names ("C/1.000 UNIDADES" is 1000), or null for one. */
  static String units(String description) {
    if (description == null) {
      return null;
    }
    Matcher m = UNITS.matcher(description);
    return m.find() ? m.group(1).replace(".", "") : null;
  }
}
