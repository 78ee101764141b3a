package io.makerates.sources.bcb;

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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Banco Central do Brasil ({@code bcb}) answers of the PTAX OData function {@code
 * CotacaoMoedaPeriodo} asked for USD: {@code {"@odata.context":…,"value":[{"paridadeCompra":1.0,
 * "paridadeVenda":1.0,"cotacaoCompra":5.1995,"cotacaoVenda":5.2001,"dataHoraCotacao":"2026-03-02
 * 13:09:26.433","tipoBoletim":"Fechamento"},…]}}, one bulletin per row.
 *
 * <p>The answer never names its currency, so the parser reads it as the dollar and checks that it
 * is one: a dollar row has parity 1 against the dollar on both sides; any other answer is refused
 * rather than filed under the wrong code. The rate kept is the closing ("Fechamento") selling rate,
 * {@code cotacaoVenda}: the "PTAX venda" that Brazilian contracts and the BCB's own dollar series
 * refer to. It is BRL per USD, so the day holds BRL→USD = 1 / value. The day is the date part of
 * {@code dataHoraCotacao}, a Brasília timestamp without zone. Rows of other bulletins (opening,
 * intermediate) are passed over: the request filters them out, and only the close is the day's.
 */
public final class BancoCentralDoBrasilParser implements AnswerParser {

  public static final String BASE = "BRL";
  static final String CURRENCY = "USD";
  static final String CLOSING = "Fechamento";

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    if (!root.isObject()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "answer is not a JSON object");
    }
    JsonNode rows = root.get("value");
    if (rows == null || !rows.isArray()) {
      JsonNode error = root.path("error");
      if (error.isObject()) {
        throw new AnswerRejectedException(
            ReasonCode.PROVIDER_ERROR, "provider error: " + error.path("message").asText(""));
      }
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "no 'value' array");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    int index = 0;
    for (JsonNode row : rows) {
      String stamp = row.isObject() ? text(row, "dataHoraCotacao") : null;
      if (stamp == null || stamp.length() < 10) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "row " + index + " has no 'dataHoraCotacao'");
      }
      if (CLOSING.equals(text(row, "tipoBoletim"))) {
        requireDollar(row, index);
        LocalDate date = JsonBodies.isoDate(stamp.substring(0, 10), "row " + index + " date");
        String selling = decimalText(row.get("cotacaoVenda"));
        RateTexts.put(
            byDay.computeIfAbsent(date, d -> new LinkedHashMap<>()),
            date.toString(),
            CURRENCY,
            selling == null ? null : HomeQuotes.homeToForeign(selling, null));
      }
      index++;
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((date, rates) -> days.add(new ProviderDay(date, BASE, rates)));
    return days;
  }

  /** Both parities of a dollar row are 1; another currency's answer has its own parities. */
  private static void requireDollar(JsonNode row, int index) throws AnswerRejectedException {
    for (String side : List.of("paridadeCompra", "paridadeVenda")) {
      String parity = decimalText(row.get(side));
      boolean one;
      try {
        one = parity != null && new BigDecimal(parity).compareTo(BigDecimal.ONE) == 0;
      } catch (NumberFormatException notADecimal) {
        one = false;
      }
      if (!one) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT,
            "row " + index + " has " + side + " " + parity + ": not the dollar's answer");
      }
    }
  }
}
