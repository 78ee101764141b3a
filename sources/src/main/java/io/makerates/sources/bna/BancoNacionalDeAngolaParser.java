package io.makerates.sources.bna;

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
import java.util.Set;
import java.util.TreeMap;

/**
 * Banco Nacional de Angola ({@code bna}) answers of {@code /taxas/get/evolucao/taxa/intervalo}:
 * {@code {"genericResponse":[{"taxa":913.116,"tipoCambio":"M","data":"2026-05-19",
 * "codigoMoeda":"USD",…},…],"success":true}}, one row per currency and day. {@code taxa} is AOA per
 * unit of the mid reference rate ({@code tipoCambio} M; a row of another kind is refused), so a day
 * holds AOA→X = 1 / taxa.
 *
 * <p>Left out: XAU, whose {@code taxa} is USD per ounce, not AOA, and XDRUSD, the SDR's dollar
 * value rather than a currency. Retired codes the bank still quotes (EEK, HRK, STD, VEF, ZMK) are
 * passed on for validation to judge. {@code "success":false} is the provider's error.
 */
public final class BancoNacionalDeAngolaParser implements AnswerParser {

  public static final String BASE = "AOA";
  static final String MID = "M";
  static final Set<String> LEFT_OUT = Set.of("AOA", "XAU", "XDRUSD");

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    JsonNode root = JsonBodies.read(body);
    if (!root.isObject()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "answer is not a JSON object");
    }
    if (root.path("success").isBoolean() && !root.path("success").asBoolean()) {
      throw new AnswerRejectedException(
          ReasonCode.PROVIDER_ERROR, "provider error: the answer says success false");
    }
    JsonNode rows = root.get("genericResponse");
    if (rows == null || !rows.isArray()) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "no 'genericResponse' array");
    }
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    int index = 0;
    for (JsonNode row : rows) {
      String code = text(row, "codigoMoeda");
      String data = text(row, "data");
      if (code == null || data == null) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT, "row " + index + " has no codigoMoeda or data");
      }
      if (!MID.equals(text(row, "tipoCambio"))) {
        throw new AnswerRejectedException(
            ReasonCode.UNKNOWN_FORMAT,
            "row " + index + " is rate kind " + text(row, "tipoCambio") + ", not the mid (M)");
      }
      if (!LEFT_OUT.contains(code)) {
        LocalDate date = JsonBodies.isoDate(data, "row " + index + " data");
        String taxa = decimalText(row.get("taxa"));
        RateTexts.put(
            byDay.computeIfAbsent(date, d -> new LinkedHashMap<>()),
            date.toString(),
            code,
            taxa == null ? null : HomeQuotes.homeToForeign(taxa, null));
      }
      index++;
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((date, rates) -> days.add(new ProviderDay(date, BASE, rates)));
    return days;
  }
}
