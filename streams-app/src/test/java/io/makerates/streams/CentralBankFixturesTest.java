package io.makerates.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.runtime.Checksums;
import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.HttpResponseRecord;
import io.makerates.schema.Observation;
import io.makerates.schema.RateObservations;
import io.makerates.schema.ReasonCode;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.RealFixtures;
import io.makerates.sources.bnr.NationalBankOfRomaniaParser;
import io.makerates.sources.bnr.NationalBankOfRomaniaSource;
import io.makerates.sources.boe.BankOfEnglandParser;
import io.makerates.sources.boe.BankOfEnglandSource;
import io.makerates.sources.cbr.BankOfRussiaParser;
import io.makerates.sources.cbr.BankOfRussiaSource;
import io.makerates.sources.cnb.CzechNationalBankParser;
import io.makerates.sources.cnb.CzechNationalBankSource;
import io.makerates.sources.nbp.NationalBankOfPolandParser;
import io.makerates.sources.nbp.NationalBankOfPolandSource;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Conformance of the central-bank parsers over the banks' real answers: each day and currency of
 * the body is read, multipliers applied (per 100 JPY, per 1000 IDR), and after EUR rebasing a pair
 * equals the bank's own cross of the recorded figures, EUR→X = home per EUR / (home per X / units
 * of X), to the validator's 20 digits. Values spot-checked here were read from the bodies.
 */
class CentralBankFixturesTest {

  private static final MathContext TWENTY = new MathContext(20, RoundingMode.HALF_EVEN);

  @Test
  void czechNationalBankYearIsSixtyFiveFixingsOfThirtyCodesWithMultipliers() throws Exception {
    byte[] body = RealFixtures.file("cnb/daily-year_2026_2026-01-02_to_2026-04-02.json");
    List<ProviderDay> days = new CzechNationalBankParser().parse(body);

    assertThat(days).hasSize(65);
    assertThat(days.get(0).date()).isEqualTo("2026-01-02"); // 1 January is no fixing day
    assertThat(days.get(64).date()).isEqualTo("2026-04-02");
    assertThat(days)
        .allSatisfy(d -> assertThat(d.base()).isEqualTo("CZK"))
        .allSatisfy(
            d ->
                assertThat(d.rawRates())
                    .hasSize(30)
                    .containsKeys("EUR", "USD", "JPY", "IDR", "XDR"));
    Map<String, String> first = days.get(0).rawRates();
    assertThat(new BigDecimal(first.get("EUR")))
        .isEqualByComparingTo(
            BigDecimal.ONE.divide(new BigDecimal("24.170"), MathContext.DECIMAL128));
    assertThat(new BigDecimal(first.get("JPY")))
        .isEqualByComparingTo(
            new BigDecimal("100").divide(new BigDecimal("13.141"), MathContext.DECIMAL128));
    assertThat(new BigDecimal(first.get("IDR")))
        .isEqualByComparingTo(
            new BigDecimal("1000").divide(new BigDecimal("1.233"), MathContext.DECIMAL128));

    Map<String, BigDecimal> eur =
        rebased(CzechNationalBankSource.TYPE, body, LocalDate.parse("2026-01-02"));
    assertThat(eur.get("USD"))
        .isEqualByComparingTo(new BigDecimal("24.170").divide(new BigDecimal("20.611"), TWENTY));
    assertThat(eur.get("JPY"))
        .isEqualByComparingTo(new BigDecimal("24.170").divide(new BigDecimal("0.13141"), TWENTY));
    assertThat(eur.get("CZK")).isEqualByComparingTo(new BigDecimal("24.170"));
  }

  @Test
  void czechNationalBankErrorsAndAnEmptyYearAreTold() throws Exception {
    assertThat(
            new CzechNationalBankParser().parse("{\"rates\":[]}".getBytes(StandardCharsets.UTF_8)))
        .isEmpty();
    assertThatThrownBy(
            () ->
                new CzechNationalBankParser()
                    .parse(
                        "{\"description\":\"Invalid date\",\"errorCode\":\"VALIDATION_ERROR\",\"happenedAt\":\"2026-04-02T20:53:42\"}"
                            .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(ReasonCode.PROVIDER_ERROR);
              assertThat(e.getMessage()).contains("VALIDATION_ERROR", "Invalid date");
            });
  }

  @Test
  void nationalBankOfPolandTableAIsFourWorkingDaysPerUnitWithoutMultipliers() throws Exception {
    byte[] body = RealFixtures.file("nbp/tables_A_2026-03-02_to_2026-03-05.json");
    List<ProviderDay> days = new NationalBankOfPolandParser().parse(body);

    assertThat(days)
        .extracting(ProviderDay::date)
        .containsExactly(
            LocalDate.parse("2026-03-02"),
            LocalDate.parse("2026-03-03"),
            LocalDate.parse("2026-03-04"),
            LocalDate.parse("2026-03-05"));
    assertThat(days)
        .allSatisfy(
            d -> assertThat(d.rawRates()).hasSize(32).containsKeys("EUR", "USD", "HUF", "XDR"));
    assertThat(new BigDecimal(days.get(0).rawRates().get("HUF")))
        .isEqualByComparingTo(
            BigDecimal.ONE.divide(new BigDecimal("0.011155"), MathContext.DECIMAL128));

    Map<String, BigDecimal> eur =
        rebased(NationalBankOfPolandSource.TYPE, body, LocalDate.parse("2026-03-02"));
    assertThat(eur.get("USD"))
        .isEqualByComparingTo(new BigDecimal("4.2304").divide(new BigDecimal("3.6056"), TWENTY));
    assertThat(eur.get("JPY"))
        .isEqualByComparingTo(new BigDecimal("4.2304").divide(new BigDecimal("0.022963"), TWENTY));
    assertThat(eur.get("PLN")).isEqualByComparingTo(new BigDecimal("4.2304"));
  }

  @Test
  void nationalBankOfPolandRefusesAnotherTableAndAnError() {
    assertThatThrownBy(
            () ->
                new NationalBankOfPolandParser()
                    .parse(
                        "[{\"table\":\"B\",\"no\":\"009/B/NBP/2026\",\"effectiveDate\":\"2026-03-04\",\"rates\":[]}]"
                            .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNKNOWN_FORMAT));
    assertThatThrownBy(
            () ->
                new NationalBankOfPolandParser()
                    .parse(
                        "404 NotFound - Not Found - Brak danych".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNKNOWN_FORMAT));
  }

  @Test
  void nationalBankOfRomaniaYearIsItsBankingDaysWithMultipliersAndNoGold() throws Exception {
    byte[] body = RealFixtures.file("bnr/nbrfxrates2026_2026-01-05_to_2026-08-19.xml");
    List<ProviderDay> days = new NationalBankOfRomaniaParser().parse(body);

    assertThat(days).hasSize(157);
    assertThat(days.get(0).date()).isEqualTo("2026-01-05");
    assertThat(days)
        .extracting(ProviderDay::date)
        .doesNotContain(
            LocalDate.parse("2026-04-10"), // Orthodox Good Friday
            LocalDate.parse("2026-04-13"),
            LocalDate.parse("2026-05-01"),
            LocalDate.parse("2026-06-01"));
    assertThat(days)
        .allSatisfy(
            d ->
                assertThat(d.rawRates())
                    .doesNotContainKey("XAU")
                    .containsKeys("EUR", "USD", "XDR"));
    Map<String, String> first = days.get(0).rawRates();
    assertThat(first).hasSize(36);
    assertThat(new BigDecimal(first.get("JPY")))
        .isEqualByComparingTo(
            new BigDecimal("100").divide(new BigDecimal("2.7816"), MathContext.DECIMAL128));

    Map<String, BigDecimal> eur =
        rebased(NationalBankOfRomaniaSource.TYPE, body, LocalDate.parse("2026-01-05"));
    assertThat(eur.get("USD"))
        .isEqualByComparingTo(new BigDecimal("5.0905").divide(new BigDecimal("4.3557"), TWENTY));
    assertThat(eur.get("HUF"))
        .isEqualByComparingTo(new BigDecimal("5.0905").divide(new BigDecimal("0.013247"), TWENTY));
    assertThat(eur.get("RON")).isEqualByComparingTo(new BigDecimal("5.0905"));
  }

  @Test
  void nationalBankOfRomaniaRefusesAnHtmlPage() {
    assertThatThrownBy(
            () ->
                new NationalBankOfRomaniaParser()
                    .parse(
                        "<html><body>Banca Națională a României</body></html>"
                            .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNKNOWN_FORMAT));
  }

  @Test
  void bankOfEnglandCsvIsFourDaysOfTwentySixSeriesPerPound() throws Exception {
    byte[] body =
        RealFixtures.file(
            "boe/iadb-fromshowcolumns_CSVF-TN_XUDL-26-series_2026-03-17_to_2026-03-20.csv");
    List<ProviderDay> days = new BankOfEnglandParser().parse(body);

    assertThat(days)
        .extracting(ProviderDay::date)
        .containsExactly(
            LocalDate.parse("2026-03-17"),
            LocalDate.parse("2026-03-18"),
            LocalDate.parse("2026-03-19"),
            LocalDate.parse("2026-03-20"));
    assertThat(days)
        .allSatisfy(
            d ->
                assertThat(d.rawRates())
                    .hasSize(26)
                    .containsKeys("USD", "EUR", "JPY", "SAR", "TWD", "RON"));
    assertThat(days.get(0).rawRates())
        .containsEntry("USD", "1.3343")
        .containsEntry("EUR", "1.1577")
        .containsEntry("JPY", "212.1937");

    Map<String, BigDecimal> eur =
        rebased(BankOfEnglandSource.TYPE, body, LocalDate.parse("2026-03-17"));
    assertThat(eur.get("USD"))
        .isEqualByComparingTo(new BigDecimal("1.3343").divide(new BigDecimal("1.1577"), TWENTY));
    assertThat(eur.get("JPY"))
        .isEqualByComparingTo(new BigDecimal("212.1937").divide(new BigDecimal("1.1577"), TWENTY));
    assertThat(eur.get("GBP"))
        .isEqualByComparingTo(BigDecimal.ONE.divide(new BigDecimal("1.1577"), TWENTY));
  }

  @Test
  void bankOfEnglandRefusesAnHtmlPage() {
    assertThatThrownBy(
            () ->
                new BankOfEnglandParser()
                    .parse("<!DOCTYPE html><html>Database</html>".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNKNOWN_FORMAT));
  }

  @Test
  void bankOfRussiaDailyListIsWindows1251WithDecimalCommasAndNominals() throws Exception {
    byte[] body = RealFixtures.file("cbr/XML_daily_2026-04-25.xml");
    List<ProviderDay> days = new BankOfRussiaParser().parse(body);

    assertThat(days)
        .singleElement()
        .satisfies(
            day -> {
              // dated Saturday 25 April (in effect Saturday to Monday), set on Friday from Friday's
              // market: filed under Friday
              assertThat(day.date()).isEqualTo("2026-04-24");
              assertThat(day.base()).isEqualTo("RUB");
              assertThat(day.rawRates()).hasSize(54).containsKeys("USD", "EUR", "AZN", "KZT");
              assertThat(new BigDecimal(day.rawRates().get("JPY")))
                  .isEqualByComparingTo(
                      new BigDecimal("100")
                          .divide(new BigDecimal("47.2636"), MathContext.DECIMAL128));
              assertThat(new BigDecimal(day.rawRates().get("IDR")))
                  .isEqualByComparingTo(
                      new BigDecimal("10000")
                          .divide(new BigDecimal("43.6372"), MathContext.DECIMAL128));
            });

    Map<String, BigDecimal> eur =
        rebased(BankOfRussiaSource.TYPE, body, LocalDate.parse("2026-04-24"));
    assertThat(eur.get("USD"))
        .isEqualByComparingTo(new BigDecimal("88.2826").divide(new BigDecimal("75.5273"), TWENTY));
    assertThat(eur.get("KRW"))
        .isEqualByComparingTo(
            new BigDecimal("88.2826").divide(new BigDecimal("0.0510113"), TWENTY));
    assertThat(eur.get("RUB")).isEqualByComparingTo(new BigDecimal("88.2826"));
  }

  @Test
  void bankOfRussiaRefusesAnotherDocument() {
    assertThatThrownBy(
            () ->
                new BankOfRussiaParser()
                    .parse(
                        "<?xml version=\"1.0\"?><ValCurs ID=\"R01235\" DateRange1=\"03.03.2026\" name=\"Foreign Currency Market Dynamic\"><Record Date=\"03.03.2026\" Id=\"R01235\"><Nominal>1</Nominal><Value>78,1234</Value></Record></ValCurs>"
                            .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNKNOWN_FORMAT));
  }

  /** EUR→X of one day as the validator publishes them from the bronze record of {@code body}. */
  private static Map<String, BigDecimal> rebased(String type, byte[] body, LocalDate day) {
    BronzeExtraction bronze =
        Bronzes.builder(type, Instant.parse("2026-09-01T12:00:00Z"), UUID.randomUUID())
            .setSourceType(type)
            .setRequestedFrom(LocalDate.parse("2026-01-01"))
            .setRequestedTo(LocalDate.parse("2026-08-31"))
            .setExtractedAt(Instant.parse("2026-09-01T12:00:00Z"))
            .setResponse(
                new HttpResponseRecord(
                    200,
                    Map.of(),
                    ByteBuffer.wrap(body),
                    "application/json",
                    (long) body.length,
                    Checksums.sha256Hex(body)))
            .build();
    BronzeValidator.Validation validation =
        new BronzeValidator(Parsers.all(), IndependenceGroups.defaults())
            .validate(
                bronze,
                new BronzeCoordinates("fx.bronze.extractions.v1", 0, 0L),
                Instant.parse("2026-09-01T12:00:00Z"));
    RateObservations observations =
        validation.observations().stream()
            .filter(o -> o.getDate().equals(day))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "no observations for " + day + "; rejections " + validation.rejections()));
    java.util.Map<String, BigDecimal> eur = new java.util.TreeMap<>();
    for (Observation o : observations.getRates()) {
      eur.put(o.getQuote(), new BigDecimal(o.getRate()));
    }
    return eur;
  }
}
