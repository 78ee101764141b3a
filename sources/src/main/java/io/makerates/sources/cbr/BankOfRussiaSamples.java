package io.makerates.sources.cbr;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Bank of Russia's {@code /XML_daily.asp} played offline: the current list, or with {@code
 * date_req=DD/MM/YYYY} the list in effect on that day. A list is set on a business day from that
 * day's market and takes effect the next day ({@code Date}, so Saturday's list is in effect until
 * Monday); the parser files it under the setting day, so the values written are the setting day's.
 * RUB per {@code Nominal} units, four decimals with a decimal comma, in windows-1251.
 */
final class BankOfRussiaSamples implements SampleAnswers {

  /** Each currency of the daily list, in its order: CharCode, ID, NumCode, Nominal, Name. */
  private static final String LIST =
      """
      AUD R01010 036 1 Австралийский доллар
      AZN R01020A 944 1 Азербайджанский манат
      DZD R01030 012 100 Алжирских динаров
      GBP R01035 826 1 Фунт стерлингов
      AMD R01060 051 100 Армянских драмов
      BHD R01080 048 1 Бахрейнский динар
      BYN R01090B 933 1 Белорусский рубль
      BOB R01105 068 1 Боливиано
      BRL R01115 986 1 Бразильский реал
      HUF R01135 348 100 Форинтов
      VND R01150 704 10000 Донгов
      HKD R01200 344 10 Гонконгских долларов
      GEL R01210 981 1 Лари
      DKK R01215 208 1 Датская крона
      AED R01230 784 1 Дирхам ОАЭ
      USD R01235 840 1 Доллар США
      EUR R01239 978 1 Евро
      EGP R01240 818 10 Египетских фунтов
      INR R01270 356 100 Индийских рупий
      IDR R01280 360 10000 Рупий
      IRR R01300 364 1000000 Иранских риалов
      KZT R01335 398 100 Тенге
      CAD R01350 124 1 Канадский доллар
      QAR R01355 634 1 Катарский риал
      KGS R01370 417 100 Сомов
      CNY R01375 156 1 Юань
      CUP R01395 192 10 Кубинских песо
      MDL R01500 498 10 Молдавских леев
      MNT R01503 496 1000 Тугриков
      NGN R01520 566 1000 Найр
      NZD R01530 554 1 Новозеландский доллар
      NOK R01535 578 10 Норвежских крон
      OMR R01540 512 1 Оманский риал
      PLN R01565 985 1 Злотый
      SAR R01580 682 1 Саудовский риял
      RON R01585F 946 1 Румынский лей
      XDR R01589 960 1 СДР (специальные права заимствования)
      SGD R01625 702 1 Сингапурский доллар
      TJS R01670 972 10 Сомони
      THB R01675 764 10 Батов
      BDT R01685 050 100 Так
      TRY R01700J 949 10 Турецких лир
      TMT R01710A 934 1 Новый туркменский манат
      UZS R01717 860 10000 Узбекских сумов
      UAH R01720 980 10 Гривен
      CZK R01760 203 10 Чешских крон
      SEK R01770 752 10 Шведских крон
      CHF R01775 756 1 Швейцарский франк
      ETB R01800 230 100 Эфиопских быров
      RSD R01805F 941 100 Сербских динаров
      ZAR R01810 710 10 Рэндов
      KRW R01815 410 1000 Вон
      JPY R01820 392 100 Иен
      MMK R02005 104 1000 Кьятов
      """;

  private record Valute(String id, String numCode, int nominal, String name) {}

  private static final Map<String, Valute> VALUTES = valutes();
  static final List<String> CURRENCIES = List.copyOf(VALUTES.keySet());

  private static final DateTimeFormatter REQUEST = DateTimeFormatter.ofPattern("dd/MM/yyyy");
  private static final DateTimeFormatter ANSWER = DateTimeFormatter.ofPattern("dd.MM.yyyy");
  private static final Charset WINDOWS_1251 = Charset.forName("windows-1251");

  @Override
  public List<String> currencies() {
    return CURRENCIES;
  }

  @Override
  public String home() {
    return BankOfRussiaSource.BASE;
  }

  /** Russian public holidays of fixed date (the New Year holidays, 1–8 January, among them). */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(1, 2),
        MonthDay.of(1, 7),
        MonthDay.of(1, 8),
        MonthDay.of(2, 23),
        MonthDay.of(3, 8),
        MonthDay.of(5, 1),
        MonthDay.of(5, 9),
        MonthDay.of(6, 12),
        MonthDay.of(11, 4));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!request.path().equals("/XML_daily.asp")) {
      return Optional.empty();
    }
    LocalDate set;
    String inEffect = request.param("date_req");
    try {
      set =
          inEffect == null
              ? market.latest()
              : market.latest(LocalDate.parse(inEffect, REQUEST).minusDays(1));
    } catch (DateTimeParseException unreadable) {
      set = market.latest(); // an unreadable date is answered with the current list here
    }
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"windows-1251\"?><ValCurs Date=\"")
            .append(ANSWER.format(set.plusDays(1)))
            .append("\" name=\"Foreign Currency Market\">");
    for (String currency : market.currencies()) {
      Valute valute = VALUTES.get(currency);
      BigDecimal value =
          market
              .homePer(set, currency)
              .multiply(BigDecimal.valueOf(valute.nominal()))
              .setScale(4, RoundingMode.HALF_UP);
      BigDecimal unit =
          value
              .divide(BigDecimal.valueOf(valute.nominal()), MathContext.DECIMAL64)
              .stripTrailingZeros();
      xml.append("<Valute ID=\"")
          .append(valute.id())
          .append("\"><NumCode>")
          .append(valute.numCode())
          .append("</NumCode><CharCode>")
          .append(currency)
          .append("</CharCode><Nominal>")
          .append(valute.nominal())
          .append("</Nominal><Name>")
          .append(valute.name())
          .append("</Name><Value>")
          .append(value.toPlainString().replace('.', ','))
          .append("</Value><VunitRate>")
          .append(unit.toPlainString().replace('.', ','))
          .append("</VunitRate></Valute>");
    }
    xml.append("</ValCurs>");
    return Optional.of(
        OfflineReply.ok("text/xml; charset=windows-1251", xml.toString().getBytes(WINDOWS_1251)));
  }

  private static Map<String, Valute> valutes() {
    Map<String, Valute> valutes = new LinkedHashMap<>();
    for (String line : LIST.strip().split("\n")) {
      String[] cells = line.strip().split(" ", 5);
      valutes.put(cells[0], new Valute(cells[1], cells[2], Integer.parseInt(cells[3]), cells[4]));
    }
    return valutes;
  }
}
