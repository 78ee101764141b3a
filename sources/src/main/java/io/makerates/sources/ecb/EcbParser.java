package io.makerates.sources.ecb;

import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.RateTexts;
import io.makerates.sources.XmlBodies;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * ECB euro foreign exchange reference rates (source type {@code ecb}): {@code eurofxref-daily.xml}
 * (one dated Cube), {@code eurofxref-hist-90d.xml} and {@code eurofxref-hist.xml} (many dated
 * Cubes, newest first):
 *
 * <pre>{@code <Cube><Cube time="2025-05-09"><Cube currency="USD" rate="1.1252"/>…</Cube>…</Cube>}
 * </pre>
 *
 * Base EUR, one provider day per dated Cube in the file's order, each rate as the exact attribute
 * text (the daily file keeps trailing zeros, "0.84770" stays so). The full history is about 7 MB,
 * so it is read with StAX, never as a tree. DTDs and external entities are off: an ECB file has
 * neither, and a body that brings a DOCTYPE is refused.
 */
public final class EcbParser implements AnswerParser {

  public static final String BASE = "EUR";
  private static final String CUBE = "Cube";

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    return XmlBodies.parse(body, EcbParser::days);
  }

  private static List<ProviderDay> days(XMLStreamReader reader)
      throws XMLStreamException, AnswerRejectedException {
    List<ProviderDay> days = new ArrayList<>();
    Set<LocalDate> seen = new HashSet<>();
    int depth = 0;
    int dayDepth = -1; // element depth of the open dated Cube, -1 when none is open
    LocalDate date = null;
    Map<String, String> rates = null;
    while (reader.hasNext()) {
      switch (reader.next()) {
        case XMLStreamConstants.DTD ->
            throw new AnswerRejectedException(
                ReasonCode.UNPARSEABLE, "a DOCTYPE is not accepted in an ECB answer");
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          if (!CUBE.equals(reader.getLocalName())) {
            continue;
          }
          String time = attribute(reader, "time");
          String currency = attribute(reader, "currency");
          String rate = attribute(reader, "rate");
          if (time != null) {
            if (dayDepth != -1) {
              throw new AnswerRejectedException(
                  ReasonCode.UNKNOWN_FORMAT, "dated Cube " + time + " inside dated Cube " + date);
            }
            date = date(time);
            if (!seen.add(date)) {
              throw new AnswerRejectedException(
                  ReasonCode.UNKNOWN_FORMAT, "the answer holds " + date + " twice");
            }
            dayDepth = depth;
            rates = new LinkedHashMap<>();
          } else if (currency != null || rate != null) {
            if (dayDepth == -1) {
              throw new AnswerRejectedException(
                  ReasonCode.UNKNOWN_FORMAT, "rate Cube " + currency + " outside a dated Cube");
            }
            // a rate without a currency is kept under "" so that validation reports it rather than
            // it vanishing
            RateTexts.put(rates, date.toString(), currency == null ? "" : currency, rate);
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          if (depth == dayDepth) {
            days.add(new ProviderDay(date, BASE, rates));
            dayDepth = -1;
          }
          depth--;
        }
        default -> {
          // text, comments, processing instructions: nothing of the rates
        }
      }
    }
    if (days.isEmpty()) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "XML without any dated <Cube time=\"…\">: not an ECB answer");
    }
    return days;
  }

  /**
   * The attribute's text, stripped, or null when absent. Attributes of ECB Cubes carry no
   * namespace.
   */
  private static String attribute(XMLStreamReader reader, String name) {
    String value = reader.getAttributeValue(null, name);
    return value == null ? null : value.strip();
  }

  private static LocalDate date(String time) throws AnswerRejectedException {
    try {
      return LocalDate.parse(time);
    } catch (DateTimeParseException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE, "Cube time '" + time + "' is not an ISO date");
    }
  }
}
