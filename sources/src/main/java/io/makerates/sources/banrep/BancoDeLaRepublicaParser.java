package io.makerates.sources.banrep;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Banco de la República ({@code banrep}) answers of the TRM dataset on datos.gov.co ({@code
 * /resource/32sa-8pi3.json}): a JSON array of records {@code {"valor":"3691.9","unidad":"COP",
 * "vigenciadesde":"2026-03-17T00:00:00.000","vigenciahasta":"2026-03-17T00:00:00.000"}}, one per
 * TRM. {@code valor} is COP per USD, the only currency, so a day holds COP→USD = 1 / valor.
 *
 * <p>A TRM is computed from the dollar trades of one business day and is in force from the next
 * calendar day ({@code vigenciadesde}) to the day before the next TRM ({@code vigenciahasta}: a
 * Friday's TRM runs over the weekend, to Tuesday when Monday is a holiday). Like the other rates
 * set on one day for the next, it is filed under the day its market was observed: {@code
 * vigenciadesde} − 1. A record in any other {@code unidad} is refused.
 */
public final class BancoDeLaRepublicaParser implements AnswerParser {

  public static final String BASE = "COP";
  static final String CURRENCY = "USD";

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    if (!root.isArray()) {
      if (root.path("error").asBoolean(false)) {
        throw new AnswerRejectedException(
            ReasonCode.PROVIDER_ERROR, "provider error: " + root.path("message").asText(""));
      }
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "answer is not a JSON array of records");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    int index = 0;
    for (JsonNode record : root) {
      LocalDate observed = observedDay(record, index);
      String unit = text(record, "unidad");
      if (!BASE.equals(unit)) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "record " + index + " is in " + unit + ", not COP");
      }
      String valor = decimalText(record.get("valor"));
      RateTexts.put(
          byDay.computeIfAbsent(observed, d -> new LinkedHashMap<>()),
          observed.toString(),
          CURRENCY,
          valor == null ? null : HomeQuotes.homeToForeign(valor, null));
      index++;
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((date, rates) -> days.add(new ProviderDay(date, BASE, rates)));
    return days;
  }

  /** The day before the record comes into force: the day whose trades set it. */
  static LocalDate observedDay(JsonNode record, int index) throws AnswerRejectedException {
    String from = record.isObject() ? text(record, "vigenciadesde") : null;
    if (from == null || from.length() < 10) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "record " + index + " has no 'vigenciadesde'");
    }
    return JsonBodies.isoDate(from.substring(0, 10), "record " + index + " vigenciadesde")
        .minusDays(1);
  }
}
