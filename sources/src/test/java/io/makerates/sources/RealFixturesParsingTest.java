package io.makerates.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.makerates.schema.ReasonCode;
import io.makerates.sources.boc.BankOfCanadaParser;
import io.makerates.sources.ecb.EcbParser;
import io.makerates.sources.exchangerateapi.ExchangeRateApiParser;
import io.makerates.sources.frankfurter.FrankfurterParser;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conformance: the parsers read the real provider answers in {@code shared/fixtures/real}
 * (responses recorded from the public APIs, see its README). The folder is found through the system
 * property or environment variable {@code MAKERATES_REAL_FIXTURES}, else as {@code
 * shared/fixtures/real} beside the working directory or any of its parents; when it is absent every
 * test here is skipped, saying where it was looked for.
 */
class RealFixturesParsingTest {

  private static final String VARIABLE = "MAKERATES_REAL_FIXTURES";
  private static final Path RELATIVE = Path.of("shared", "fixtures", "real");

  private static Path real;
  private static List<Path> lookedAt;

  @BeforeAll
  static void locate() {
    lookedAt = new ArrayList<>();
    String configured = System.getProperty(VARIABLE, System.getenv(VARIABLE));
    if (configured != null && !configured.isBlank()) {
      lookedAt.add(Path.of(configured).toAbsolutePath());
    } else {
      for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
        lookedAt.add(dir.resolve(RELATIVE));
      }
    }
    real = lookedAt.stream().filter(Files::isDirectory).findFirst().orElse(null);
  }

  private static byte[] file(String relative) throws IOException {
    assumeTrue(
        real != null,
        () ->
            "real fixtures folder is absent (set "
                + VARIABLE
                + " to point at it); looked for "
                + lookedAt);
    Path path = real.resolve(relative);
    assumeTrue(Files.isRegularFile(path), () -> "real fixture " + path + " is absent");
    return Files.readAllBytes(path);
  }

  @Test
  void ecbDaily2025IsThirtyCurrenciesWithTrailingZerosKept() throws Exception {
    List<ProviderDay> days = new EcbParser().parse(file("ecb/eurofxref-daily_2025-05-09.xml"));

    assertThat(days)
        .singleElement()
        .satisfies(
            day -> {
              assertThat(day.date()).isEqualTo(LocalDate.parse("2025-05-09"));
              assertThat(day.base()).isEqualTo("EUR");
              assertThat(day.rawRates())
                  .hasSize(30)
                  .contains(
                      entry("USD", "1.1252"), entry("GBP", "0.84770"), entry("SEK", "10.9200"));
            });
  }

  @Test
  void ecbDaily2014HoldsCurrenciesSinceRetiredOrSuspended() throws Exception {
    List<ProviderDay> days = new EcbParser().parse(file("ecb/eurofxref-daily_2014-06-10.xml"));

    assertThat(days)
        .singleElement()
        .satisfies(
            day -> {
              assertThat(day.date()).isEqualTo(LocalDate.parse("2014-06-10"));
              assertThat(day.rawRates())
                  .hasSize(32)
                  .containsKeys("LTL", "RUB")
                  .contains(entry("USD", "1.3547"));
            });
  }

  @Test
  void ecbNinetyDaysIsSixtyFourBusinessDaysNewestFirst() throws Exception {
    List<ProviderDay> days =
        new EcbParser().parse(file("ecb/eurofxref-hist-90d_2020-09-14_to_2020-12-10.xml"));

    assertThat(days).hasSize(64).allSatisfy(day -> assertThat(day.rawRates()).hasSize(32));
    assertThat(days.getFirst().date()).isEqualTo(LocalDate.parse("2020-12-10"));
    assertThat(days.getLast().date()).isEqualTo(LocalDate.parse("2020-09-14"));
    // the history files strip trailing zeros
    assertThat(days.getFirst().rawRates())
        .contains(entry("USD", "1.2115"), entry("GBP", "0.911"), entry("ISK", "154.3"));
    assertThat(days.getLast().rawRates()).contains(entry("USD", "1.1876"), entry("ISK", "160"));
    assertThat(days)
        .extracting(day -> day.date().getDayOfWeek().getValue())
        .allMatch(weekday -> weekday <= 5);
  }

  @Test
  void valetIsFiveCadDaysOfTwentyThreeInvertedSeries() throws Exception {
    List<ProviderDay> days =
        new BankOfCanadaParser()
            .parse(file("bank-of-canada/valet_FX_RATES_DAILY_2026-03-12_to_2026-03-18.json"));

    assertThat(days)
        .extracting(ProviderDay::date)
        .containsExactly(
            LocalDate.parse("2026-03-12"),
            LocalDate.parse("2026-03-13"),
            LocalDate.parse("2026-03-16"),
            LocalDate.parse("2026-03-17"),
            LocalDate.parse("2026-03-18"));
    assertThat(days).extracting(ProviderDay::base).containsOnly("CAD");
    // seriesDetail lists 26 series; THB, VND and MYR have no values in these days
    assertThat(days)
        .allSatisfy(
            day ->
                assertThat(day.rawRates())
                    .hasSize(23)
                    .containsKeys("USD", "EUR")
                    .doesNotContainKeys("THB", "VND", "MYR"));
    ProviderDay first = days.getFirst();
    // FXUSDCAD 1.3617 CAD per USD: CAD→USD is its inverse
    assertThat(
            new BigDecimal(first.rawRates().get("USD"))
                .multiply(new BigDecimal("1.3617"))
                .round(new MathContext(19)))
        .isEqualByComparingTo(BigDecimal.ONE);
    assertThat(first.rawRates().get("USD")).isEqualTo(BankOfCanadaParser.inverse("1.3617"));
    assertThat(first.rawRates().get("EUR")).isEqualTo(BankOfCanadaParser.inverse("1.5693"));
  }

  @Test
  void openErApiLatestIsAUsdDayWithItsEurRate() throws Exception {
    List<ProviderDay> days =
        new ExchangeRateApiParser()
            .parse(
                file("exchangerate-api/open-er-api_v6_latest_USD_2026-09-19_trimmed__dw650.json"));

    assertThat(days)
        .singleElement()
        .satisfies(
            day -> {
              assertThat(day.date()).isEqualTo(LocalDate.parse("2026-09-19"));
              assertThat(day.base()).isEqualTo("USD");
              assertThat(day.rawRates())
                  .hasSize(6)
                  .contains(entry("USD", "1"), entry("EUR", "0.871262"), entry("TWD", "31.834145"));
            });
  }

  @Test
  void aBareOpenErApiRatesObjectIsNoAnswer() throws Exception {
    byte[] body = file("exchangerate-api/open-er-api_rates-object-only_USD__SalaryScope.json");

    // Only the "rates" object of an answer was kept: no envelope, so neither
    // "rates"/"conversion_rates" nor base_code
    // nor a date. The parser looks for the rates object first, so the verdict is UNKNOWN_FORMAT
    // (not BASE_MISSING,
    // which is for a real answer that lacks its base).
    assertThatThrownBy(() -> new ExchangeRateApiParser().parse(body))
        .isInstanceOfSatisfying(
            AnswerRejectedException.class,
            e -> assertThat(e.reason()).isEqualTo(ReasonCode.UNKNOWN_FORMAT));
  }

  @Test
  void frankfurterV1LatestIsTwentyNineQuotes() throws Exception {
    List<ProviderDay> eur =
        new FrankfurterParser()
            .parse(file("frankfurter/v1_latest_full-EUR_2026-09-25__AllramEst83.json"));
    List<ProviderDay> usd =
        new FrankfurterParser()
            .parse(file("frankfurter/v1_latest_full-base-USD_2026-06-03__dhruvtoprani.json"));

    assertThat(eur)
        .singleElement()
        .satisfies(
            day -> {
              assertThat(day.date()).isEqualTo(LocalDate.parse("2026-09-25"));
              assertThat(day.base()).isEqualTo("EUR");
              assertThat(day.rawRates())
                  .hasSize(29)
                  .doesNotContainKey("BGN")
                  .contains(entry("USD", "1.1403"));
            });
    assertThat(usd)
        .singleElement()
        .satisfies(
            day -> {
              assertThat(day.base()).isEqualTo("USD");
              assertThat(day.rawRates())
                  .hasSize(29)
                  .contains(entry("EUR", "0.86103"), entry("IDR", "17962"));
            });
  }

  @Test
  void frankfurterV1SymbolsAndRange() throws Exception {
    List<ProviderDay> symbols =
        new FrankfurterParser()
            .parse(file("frankfurter/v1_latest_symbols_GBP-JPY-USD_2026-05-27__dimkoug.json"));
    List<ProviderDay> range =
        new FrankfurterParser()
            .parse(file("frankfurter/v1_timeseries_2025-01-03..2025-01-07__Nikhil-Mundhra.json"));

    assertThat(symbols)
        .singleElement()
        .satisfies(day -> assertThat(day.rawRates()).containsOnlyKeys("GBP", "JPY", "USD"));
    // the weekend of 4-5 January is absent, as in the ECB data it republishes
    assertThat(range)
        .extracting(ProviderDay::date)
        .containsExactly(
            LocalDate.parse("2025-01-03"),
            LocalDate.parse("2025-01-06"),
            LocalDate.parse("2025-01-07"));
    assertThat(range).allSatisfy(day -> assertThat(day.rawRates()).hasSize(6));
    assertThat(range.getFirst().rawRates())
        .contains(entry("USD", "1.0299"), entry("GBP", "0.82993"));
  }

  @Test
  void frankfurterV2ArrayIsOneDay() throws Exception {
    List<ProviderDay> days =
        new FrankfurterParser().parse(file("frankfurter/v2_rates_EUR-ILS_2026-10-05__Tura2.json"));

    assertThat(days)
        .singleElement()
        .satisfies(
            day -> {
              assertThat(day.date()).isEqualTo(LocalDate.parse("2026-10-05"));
              assertThat(day.base()).isEqualTo("EUR");
              assertThat(day.rawRates()).containsExactly(entry("ILS", "3.431"));
            });
  }
}
