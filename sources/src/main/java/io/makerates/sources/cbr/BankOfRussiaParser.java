package io.makerates.sources.cbr;

import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.HomeQuotes;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.RateTexts;
import io.makerates.sources.XmlBodies;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Central Bank of the Russian Federation ({@code cbr}) answers of {@code XML_daily.asp}: {@code
 * <ValCurs Date="25.04.2026"><Valute
 * ID="R01010"><CharCode>AUD</CharCode><Nominal>1</Nominal><Value>53,8359</Value>…}, in windows-1251
 * as declared. {@code Value} is RUB per {@code Nominal} units with a decimal comma, so each becomes
 * RUB→X = Nominal / Value.
 *
 * <p>{@code Date} is the day the rates take effect; CBR sets them the business day before, from
 * that day's market (lists exist for Tuesday to Saturday, a Saturday's in effect until Monday). The
 * list is filed under that setting day, {@code Date} − 1, the day it observes: it then votes with
 * the other banks' observations of the same day (against the ECB of the setting day it is within
 * tens of basis points; against the ECB of the effective day, often far worse).
 */
public final class BankOfRussiaParser implements AnswerParser {

  public static final String BASE = "RUB";
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    return XmlBodies.parse(body, BankOfRussiaParser::days);
  }

  private static List<ProviderDay> days(XMLStreamReader reader)
      throws XMLStreamException, AnswerRejectedException {
    LocalDate date = null;
    Map<String, String> rates = new LinkedHashMap<>();
    String code = null;
    String nominal = null;
    String value = null;
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.DTD) {
        throw new AnswerRejectedException(
            ReasonCode.UNPARSEABLE, "a DOCTYPE is not accepted in a CBR answer");
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        switch (reader.getLocalName()) {
          case "ValCurs" ->
              date = date(reader.getAttributeValue(null, "Date")).minusDays(1); // the setting day
          case "Valute" -> {
            code = null;
            nominal = null;
            value = null;
          }
          case "CharCode" -> code = reader.getElementText().strip();
          case "Nominal" -> nominal = reader.getElementText().strip();
          case "Value" -> value = reader.getElementText().strip().replace(',', '.');
          default -> {
            // NumCode, Name, VunitRate: the rate is Value per Nominal
          }
        }
      } else if (event == XMLStreamConstants.END_ELEMENT
          && "Valute".equals(reader.getLocalName())) {
        if (date == null) {
          throw new AnswerRejectedException(
              ReasonCode.UNKNOWN_FORMAT, "a Valute outside a dated ValCurs");
        }
        RateTexts.put(
            rates,
            date.toString(),
            code == null ? "" : code,
            value == null ? null : HomeQuotes.homeToForeign(value, nominal));
      }
    }
    if (date == null) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "XML without a dated <ValCurs>: not a CBR daily list");
    }
    return List.of(new ProviderDay(date, BASE, rates));
  }

  private static LocalDate date(String text) throws AnswerRejectedException {
    if (text == null) {
      throw new AnswerRejectedException(ReasonCode.UNKNOWN_FORMAT, "a ValCurs without its Date");
    }
    try {
      return LocalDate.parse(text.strip(), DATE);
    } catch (DateTimeParseException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE, "ValCurs Date '" + text + "' is not like 25.04.2026");
    }
  }
}
