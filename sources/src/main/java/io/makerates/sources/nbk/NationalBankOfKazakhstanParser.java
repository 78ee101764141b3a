package io.makerates.sources.nbk;

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
 * National Bank of Kazakhstan ({@code nbk}) answers of {@code /rss/get_rates.cfm?fdate=…}: an
 * RSS-like {@code <rates>…<date>01.04.2026</date><item><title>AMD</title>
 * <description>12.72</description><quant>10</quant>…</item>…</rates>}. {@code description} is KZT
 * per {@code quant} units (10 AMD and HUF, 100 KRW and UZS, 1000 IRR), so each becomes KZT→X =
 * quant / description. Values have at most two decimals: JPY, quoted per one yen ({@code 2.96}),
 * carries a rounding error of up to about 17 basis points.
 *
 * <p>{@code date} is the day the rates apply; NBK sets them the business day before (against the
 * ECB of that day within about 11 basis points, of the day they apply about 95). The list is filed
 * under that setting day, as CBR's are: the weekday before {@code date}, a weekend's under
 * Thursday. A Kazakh holiday between them is not known here, so a list after one is filed a
 * business day late.
 */
public final class NationalBankOfKazakhstanParser implements AnswerParser {

  public static final String BASE = "KZT";
  static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");

  @Override
  public List<ProviderDay> parse(byte[] body) throws AnswerRejectedException {
    return XmlBodies.parse(body, NationalBankOfKazakhstanParser::days);
  }

  private static List<ProviderDay> days(XMLStreamReader reader)
      throws XMLStreamException, AnswerRejectedException {
    LocalDate date = null;
    boolean inRates = false;
    boolean inItem = false;
    Map<String, String> rates = new LinkedHashMap<>();
    String code = null;
    String quant = null;
    String value = null;
    while (reader.hasNext()) {
      int event = reader.next();
      if (event == XMLStreamConstants.DTD) {
        throw new AnswerRejectedException(
            ReasonCode.UNPARSEABLE, "a DOCTYPE is not accepted in an NBK answer");
      }
      if (event == XMLStreamConstants.START_ELEMENT) {
        switch (reader.getLocalName()) {
          case "rates" -> inRates = true;
          case "date" -> {
            if (!inItem) {
              date = settingDay(date(reader.getElementText()));
            }
          }
          case "item" -> {
            inItem = true;
            code = null;
            quant = null;
            value = null;
          }
          case "title" -> {
            String text = reader.getElementText().strip();
            code = inItem ? text : code; // the channel's own title is prose
          }
          case "description" -> {
            String text = reader.getElementText().strip();
            value = inItem ? text : value;
          }
          case "quant" -> quant = reader.getElementText().strip();
          default -> {
            // fullname, index, change, the channel's generator, link and copyright
          }
        }
      } else if (event == XMLStreamConstants.END_ELEMENT && "item".equals(reader.getLocalName())) {
        inItem = false;
        if (date == null) {
          throw new AnswerRejectedException(
              ReasonCode.UNKNOWN_FORMAT, "an item before the list's <date>");
        }
        RateTexts.put(
            rates,
            date.toString(),
            code == null ? "" : code,
            value == null || value.isEmpty() ? null : HomeQuotes.homeToForeign(value, quant));
      }
    }
    if (!inRates || date == null) {
      throw new AnswerRejectedException(
          ReasonCode.UNKNOWN_FORMAT, "XML without a dated <rates> list: not an NBK answer");
    }
    return List.of(new ProviderDay(date, BASE, rates));
  }

  private static LocalDate date(String text) throws AnswerRejectedException {
    try {
      return LocalDate.parse(text.strip(), DATE);
    } catch (DateTimeParseException e) {
      throw new AnswerRejectedException(
          ReasonCode.UNPARSEABLE, "list date '" + text + "' is not like 01.04.2026");
    }
  }

  /** The weekday before the business day a list applies (a weekend's is Friday's). */
  static LocalDate settingDay(LocalDate applies) {
    return weekdayOnOrBefore(weekdayOnOrBefore(applies).minusDays(1));
  }

  /** The first weekday after {@code setting}: the day its list applies. */
  static LocalDate appliesDay(LocalDate setting) {
    LocalDate day = setting.plusDays(1);
    while (weekend(day)) {
      day = day.plusDays(1);
    }
    return day;
  }

  private static LocalDate weekdayOnOrBefore(LocalDate day) {
    LocalDate weekday = day;
    while (weekend(weekday)) {
      weekday = weekday.minusDays(1);
    }
    return weekday;
  }

  private static boolean weekend(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
  }
}
