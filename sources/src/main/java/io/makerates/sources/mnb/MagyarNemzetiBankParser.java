package io.makerates.sources.mnb;

import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.HomeQuotes;
import io.makerates.sources.JsonBodies;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.RateTexts;
import io.makerates.sources.XmlBodies;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Magyar Nemzeti Bank ({@code mnb}) answers of the SOAP operation {@code GetExchangeRates}: an
 * envelope whose {@code GetExchangeRatesResult} holds a second XML document as escaped text, {@code
 * <MNBExchangeRates><Day date="2025-03-28"><Rate unit="1" curr="EUR">402,61</Rate>…}, the days
 * newest first. A rate is HUF per {@code unit} units (100 for IDR, JPY, KRW) with a decimal comma,
 * so each becomes HUF→X = unit / rate ({@link HomeQuotes}). A SOAP fault is the provider's error.
 */
public final class MagyarNemzetiBankParser implements AnswerParser {

  public static final String BASE = "HUF";

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    String inner = result(body);
    return XmlBodies.parse(inner.getBytes(StandardCharsets.UTF_8), MagyarNemzetiBankParser::days);
  }

  /** The text of the envelope's {@code …Result} element: the escaped rates document. */
  static String result(byte[] body) throws AnswerRejectedException {
    String[] found = new String[1];
    XmlBodies.parse(
        body,
        reader -> {
          String fault = null;
          while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD) {
              throw new AnswerRejectedException(
                  ReasonCode.UNPARSEABLE, "a DOCTYPE is not accepted in an MNB answer");
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
              continue;
            }
            String name = reader.getLocalName();
            if (name.endsWith("Result")) {
              found[0] = reader.getElementText();
            } else if ("faultstring".equals(name)) {
              fault = reader.getElementText().strip();
            }
          }
          if (fault != null) {
            throw new AnswerRejectedException(ReasonCode.PROVIDER_ERROR, "SOAP fault: " + fault);
          }
          return List.of();
        });
    if (found[0] == null || found[0].isBlank()) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "no GetExchangeRatesResult: not an MNB SOAP answer");
    }
    return found[0];
  }

  private static List<ProviderDay> days(XMLStreamReader reader)
      throws XMLStreamException, AnswerRejectedException {
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    LocalDate date = null;
    boolean rates = false;
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.DTD) {
        throw new AnswerRejectedException(
            ReasonCode.UNPARSEABLE, "a DOCTYPE is not accepted in an MNB answer");
      }
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      switch (reader.getLocalName()) {
        case "MNBExchangeRates" -> rates = true;
        case "Day" -> {
          date = JsonBodies.isoDate(String.valueOf(reader.getAttributeValue(null, "date")), "Day");
          byDay.computeIfAbsent(date, d -> new LinkedHashMap<>());
        }
        case "Rate" -> {
          if (date == null) {
            throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "a Rate outside a Day");
          }
          String currency = reader.getAttributeValue(null, "curr");
          String unit = reader.getAttributeValue(null, "unit");
          String value = reader.getElementText().strip().replace(',', '.');
          RateTexts.put(
              byDay.get(date),
              date.toString(),
              currency == null ? "" : currency.strip(),
              value.isEmpty() ? null : HomeQuotes.homeToForeign(value, unit));
        }
        default -> {
          // nothing else carries rates
        }
      }
    }
    if (!rates) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "the result is no <MNBExchangeRates> document");
    }
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((day, values) -> days.add(new ProviderDay(day, BASE, values)));
    return days;
  }
}
