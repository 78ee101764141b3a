package io.makerates.sources.bnr;

import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.HomeQuotes;
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
 * National Bank of Romania ({@code bnr}) answers: the daily {@code nbrfxrates.xml} and the yearly
 * {@code nbrfxrates{year}.xml}, {@code <DataSet><Body><OrigCurrency>RON</OrigCurrency><Cube
 * date="2026-01-05"><Rate currency="USD">4.3557</Rate><Rate currency="JPY"
 * multiplier="100">2.7816</Rate>…}. A rate is RON per {@code multiplier} units (100 for HUF, IDR,
 * ISK, JPY, KRW), so each becomes RON→X = multiplier / rate. XAU is left out: BNR quotes it per
 * gram, where the ISO code means a troy ounce.
 */
public final class NationalBankOfRomaniaParser implements AnswerParser {

  public static final String BASE = "RON";

  /** Quoted per gram by BNR, per troy ounce by ISO 4217: no conversion is attempted. */
  static final Set<String> NOT_PER_ISO_UNIT = Set.of("XAU");

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    return XmlBodies.parse(body, NationalBankOfRomaniaParser::days);
  }

  private static List<ProviderDay> days(XMLStreamReader reader)
      throws XMLStreamException, AnswerRejectedException {
    List<ProviderDay> days = new ArrayList<>();
    Set<LocalDate> seen = new HashSet<>();
    boolean dataSet = false;
    String origin = null;
    LocalDate date = null;
    Map<String, String> rates = null;
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.DTD) {
        throw new AnswerRejectedException(
            ReasonCode.UNPARSEABLE, "a DOCTYPE is not accepted in a BNR answer");
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        switch (reader.getLocalName()) {
          case "DataSet" -> dataSet = true;
          case "OrigCurrency" -> origin = reader.getElementText().strip();
          case "Cube" -> {
            date = date(reader.getAttributeValue(null, "date"));
            if (!seen.add(date)) {
              throw new AnswerRejectedException(
                  ReasonCode.UNKNOWN_FORMAT, "the answer holds " + date + " twice");
            }
            rates = new LinkedHashMap<>();
          }
          case "Rate" -> {
            if (rates == null) {
              throw new AnswerRejectedException(
                  ReasonCode.UNKNOWN_FORMAT, "a Rate outside a dated Cube");
            }
            String currency = reader.getAttributeValue(null, "currency");
            String multiplier = reader.getAttributeValue(null, "multiplier");
            String value = reader.getElementText().strip();
            if (currency != null && NOT_PER_ISO_UNIT.contains(currency.strip())) {
              continue;
            }
            RateTexts.put(
                rates,
                date.toString(),
                currency == null ? "" : currency.strip(),
                HomeQuotes.homeToForeign(value, multiplier));
          }
          default -> {
            // Header, Publisher, Subject: nothing of the rates
          }
        }
      } else if (event == XMLStreamConstants.END_ELEMENT && "Cube".equals(reader.getLocalName())) {
        days.add(new ProviderDay(date, BASE, rates));
        rates = null;
      }
    }
    if (!dataSet) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "XML without a <DataSet>: not a BNR answer");
    }
    if (origin != null && !BASE.equals(origin)) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "OrigCurrency " + origin + ", not " + BASE);
    }
    return days;
  }

  private static LocalDate date(String text) throws AnswerRejectedException {
    if (text == null) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "a Cube without its date");
    }
    try {
      return LocalDate.parse(text.strip());
    } catch (DateTimeParseException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE, "Cube date '" + text + "' is not an ISO date");
    }
  }
}
