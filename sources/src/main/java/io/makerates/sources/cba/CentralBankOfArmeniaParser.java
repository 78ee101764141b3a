package io.makerates.sources.cba;

import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.HomeQuotes;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.RateTexts;
import io.makerates.sources.XmlBodies;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Central Bank of Armenia ({@code cba}) answers of its SOAP 1.1 service {@code exchangerates.asmx}.
 * Two results are read:
 *
 * <ul>
 *   <li>{@code ExchangeRatesLatestResult}: one list, {@code <CurrentDate>2026-03-18T00:00:00} and
 *       {@code <Rates><ExchangeRate><ISO>JPY</ISO><Amount>10</Amount><Rate>23.735</Rate>…};
 *   <li>{@code ExchangeRatesByDateRangeByISOResult}: a .NET DataSet, an inline XSD schema (skipped)
 *       and a diffgram of rows {@code <ExchangeRatesByRange><Rate>…<Amount>…<ISO>…<Diff>…
 *       <RateDate>2026-03-02T00:00:00+04:00}, the date carrying Yerevan's offset.
 * </ul>
 *
 * <p>A rate is AMD per {@code Amount} units (10 JPY, KZT, UZS; 100 IRR), so each becomes AMD→X =
 * Amount / Rate ({@link HomeQuotes}). XAU and XAG are AMD per gram, while the ISO codes mean a troy
 * ounce: their rate is multiplied by the ounce's exact 31.1034768 g first, so that they are quoted
 * as the codes say (as NBU quotes them) rather than dropped. A SOAP fault is the provider's error.
 */
public final class CentralBankOfArmeniaParser implements AnswerParser {

  public static final String BASE = "AMD";

  /** Grams in a troy ounce, exact by definition. */
  static final BigDecimal GRAMS_PER_OUNCE = new BigDecimal("31.1034768");

  /** Quoted per gram by CBA. */
  static final Set<String> PER_GRAM = Set.of("XAU", "XAG");

  private static final String LATEST = "ExchangeRatesLatestResult";
  private static final String RANGE = "ExchangeRatesByDateRangeByISOResult";

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    return XmlBodies.parse(body, CentralBankOfArmeniaParser::days);
  }

  private static List<ProviderDay> days(XMLStreamReader reader)
      throws XMLStreamException, AnswerRejectedException {
    Map<LocalDate, Map<String, String>> byDay = new TreeMap<>();
    String result = null;
    LocalDate current = null;
    String fault = null;
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.DTD) {
        throw new AnswerRejectedException(
            ReasonCode.UNPARSEABLE, "a DOCTYPE is not accepted in a CBA answer");
      }
      if (event != XMLStreamConstants.START_ELEMENT) {
        continue;
      }
      switch (reader.getLocalName()) {
        case LATEST, RANGE -> result = reader.getLocalName();
        case "faultstring" -> fault = reader.getElementText().strip();
        case "CurrentDate" -> current = date(reader.getElementText(), "CurrentDate");
        case "ExchangeRate" -> {
          if (!LATEST.equals(result) || current == null) {
            throw new AnswerRejectedException(
                ReasonCode.UNKNOWN_FORMAT, "an ExchangeRate outside a dated latest list");
          }
          add(byDay, current, row(reader));
        }
        case "ExchangeRatesByRange" -> {
          if (!RANGE.equals(result)) {
            throw new AnswerRejectedException(
                ReasonCode.UNKNOWN_FORMAT, "an ExchangeRatesByRange row outside a range result");
          }
          Map<String, String> row = row(reader);
          if (row.get("RateDate") == null) {
            throw new AnswerRejectedException(
                ReasonCode.UNKNOWN_FORMAT, "an ExchangeRatesByRange row without RateDate");
          }
          add(byDay, date(row.get("RateDate"), "RateDate"), row);
        }
        default -> {
          // the envelope, the DataSet's schema and the Difference/Diff columns carry no rates
        }
      }
    }
    if (fault != null) {
      throw new AnswerRejectedException(ReasonCode.PROVIDER_ERROR, "SOAP fault: " + fault);
    }
    if (result == null) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT,
          "neither " + LATEST + " nor " + RANGE + ": not a CBA exchangerates.asmx answer");
    }
    // an empty DataSet (a range of weekends and holidays) is an answer without days
    List<ProviderDay> days = new ArrayList<>();
    byDay.forEach((day, values) -> days.add(new ProviderDay(day, BASE, values)));
    return days;
  }

  /**
   * The texts of a row's child elements by name, up to the row's end tag: getElementText consumes
   * each child's end tag, so the next end tag is the row's own (a child holding elements is not
   * text, and the reader refuses it as unparseable).
   */
  private static Map<String, String> row(XMLStreamReader reader) throws XMLStreamException {
    Map<String, String> cells = new HashMap<>();
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.START_ELEMENT) {
        cells.put(reader.getLocalName(), reader.getElementText().strip());
      } else if (event == XMLStreamConstants.END_ELEMENT) {
        break;
      }
    }
    return cells;
  }

  private static void add(
      Map<LocalDate, Map<String, String>> byDay, LocalDate day, Map<String, String> row)
      throws AnswerRejectedException {
    String iso = row.getOrDefault("ISO", "");
    String rate = row.get("Rate");
    RateTexts.put(
        byDay.computeIfAbsent(day, d -> new LinkedHashMap<>()),
        day.toString(),
        iso,
        rate == null || rate.isEmpty() ? null : homeToForeign(iso, rate, row.get("Amount")));
  }

  /** AMD→X from "AMD per Amount X", a metal's gram price made an ounce's first. */
  static String homeToForeign(String iso, String rate, String amount) {
    String perUnits = rate;
    if (PER_GRAM.contains(iso)) {
      try {
        perUnits = new BigDecimal(rate).multiply(GRAMS_PER_OUNCE).toPlainString();
      } catch (NumberFormatException notADecimal) {
        // left as it is, for validation to reject with its reason
      }
    }
    return HomeQuotes.homeToForeign(perUnits, amount);
  }

  /**
   * The day of {@code 2026-03-18T00:00:00} (the latest list, no offset) or {@code
   * 2026-03-02T00:00:00+04:00} (a range row, Yerevan's offset): the local date as written.
   */
  private static LocalDate date(String text, String field) throws AnswerRejectedException {
    try {
      return LocalDate.from(DateTimeFormatter.ISO_DATE_TIME.parse(text.strip()));
    } catch (DateTimeParseException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE, field + " '" + text + "' is not like 2026-03-02T00:00:00+04:00");
    }
  }
}
