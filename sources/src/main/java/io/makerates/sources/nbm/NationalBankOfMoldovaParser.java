package io.makerates.sources.nbm;

import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.HomeQuotes;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.RateTexts;
import io.makerates.sources.XmlBodies;
import java.time.DayOfWeek;
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
 * National Bank of Moldova ({@code nbm}, host bnm.md) answers of {@code
 * /en/official_exchange_rates?date=…&get_xml=1}: {@code <ValCurs Date="06.04.2026"><Valute
 * ID="47"><CharCode>EUR</CharCode><Nominal>1</Nominal><Value>20.2754</Value>…}, UTF-8, decimal
 * points. {@code Value} is MDL per {@code Nominal} units (10 for ALL, AMD, INR…, 100 for HUF, JPY,
 * KRW…), so each becomes MDL→X = Nominal / Value.
 *
 * <p>{@code Date} is the day the list applies; NBM sets it the business day before from that day's
 * interbank market (the list of Monday 6 April 2026 was set on Friday 3 April). Like CBR's, the
 * list is filed under its setting day, the weekday before {@code Date}, so that it votes with the
 * other banks' observations of the same day. A Moldovan holiday between the two is not known here:
 * the list after one is filed a day late.
 */
public final class NationalBankOfMoldovaParser implements AnswerParser {

  public static final String BASE = "MDL";
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    return XmlBodies.parse(body, NationalBankOfMoldovaParser::days);
  }

  /** The weekday before {@code applies}: the day its list was set. */
  static LocalDate settingDay(LocalDate applies) {
    LocalDate day = applies.minusDays(1);
    while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      day = day.minusDays(1);
    }
    return day;
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
            ReasonCode.UNPARSEABLE, "a DOCTYPE is not accepted in an NBM answer");
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        switch (reader.getLocalName()) {
          case "ValCurs" -> date = settingDay(date(reader.getAttributeValue(null, "Date")));
          case "Valute" -> {
            code = null;
            nominal = null;
            value = null;
          }
          case "CharCode" -> code = reader.getElementText().strip();
          case "Nominal" -> nominal = reader.getElementText().strip();
          case "Value" -> value = reader.getElementText().strip();
          case "MetalPrice" ->
              throw new AnswerRejectedException(
                  ReasonCode.UNKNOWN_FORMAT,
                  "a metal price list (MDL per gram), not the currency list this type reads");
          default -> {
            // NumCode, Name: the rate is Value per Nominal
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
          ReasonCode.UNKNOWN_FORMAT, "XML without a dated <ValCurs>: not an NBM daily list");
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
          ReasonCode.UNPARSEABLE, "ValCurs Date '" + text + "' is not like 06.04.2026");
    }
  }
}
