package io.makerates.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every type's sample answers against its own adapter and parser: the adapter's latest, one-day and
 * range requests are answered by the samples, and the parser reads from each answer every currency
 * the samples list, at the market's figure (to the provider's rounding), on publication days only.
 * This is what {@code up --offline} serves, so a type whose samples and adapter disagree fails
 * here, not on a user's screen.
 */
class SampleAnswersRoundTripTest {

  private static final OfflineMarkets MARKETS = OfflineMarkets.standard();

  /**
   * The adapters ask relative to the real clock (a latest window ends today), so the market too.
   */
  private static final LocalDate TODAY = LocalDate.now(java.time.ZoneOffset.UTC);

  static Stream<String> typesWithSamples() {
    return SourceTypes.all().stream()
        .map(SourceType::id)
        .filter(id -> SourceTypes.samples(id).isPresent());
  }

  @Test
  void everyTypeOfTheBuildHasSamples() {
    assertThat(typesWithSamples())
        .containsExactlyInAnyOrderElementsOf(
            SourceTypes.all().stream().map(SourceType::id).toList());
  }

  @ParameterizedTest
  @MethodSource("typesWithSamples")
  void answersTheAdaptersRequestsInAFormatItsParserReads(String id) throws Exception {
    SourceType type = SourceTypes.type(id).orElseThrow();
    SampleAnswers samples = SourceTypes.samples(id).orElseThrow();
    // today where the provider is: an adapter east of UTC asks for the next UTC day after its own
    // midnight (NBE at 21:00 UTC), and a market of the UTC day has nothing for it yet
    LocalDate today = type.publication().map(p -> LocalDate.now(p.zone())).orElse(TODAY);
    OfflineMarket market = MARKETS.market(type, samples, today);
    assertThat(market.currencies()).as("currencies the market quotes").isNotEmpty();
    RateSource source =
        type.adapter()
            .apply(
                new AdapterConfig(
                    id, id, URI.create("http://offline.test/" + id), type.defaultBase(), false));

    latestChecked(id, type, samples, market, source.latest(), today);
    // far enough back that a monthly publisher (HKMA, a month late) has published it
    dayChecked(id, type, samples, market, source, market.latest(TODAY.minusDays(45)));
    declinedOrChecked(
        id, type, samples, market, () -> source.range(TODAY.minusDays(60), TODAY.minusDays(46)));
  }

  /**
   * The latest request: rates, or, on a day the provider does not publish where it is (a weekend in
   * Addis Ababa), the empty list it answers then, which its parser reads as no days.
   */
  private static void latestChecked(
      String id,
      SourceType type,
      SampleAnswers samples,
      OfflineMarket market,
      SourceRequest latest,
      LocalDate today)
      throws AnswerRejectedException {
    if (!market.publishes(today)) {
      OfflineReply reply =
          samples
              .answer(offline(id, latest), market)
              .orElseThrow(() -> new AssertionError(id + " does not answer " + latest.url()));
      if (reply.status() == 200 && type.parser().parse(reply.body()).isEmpty()) {
        return;
      }
    }
    check(id, type, samples, market, latest);
  }

  /**
   * A provider without history (or ranges) declines the request in its adapter: nothing to play.
   */
  private static void declinedOrChecked(
      String id,
      SourceType type,
      SampleAnswers samples,
      OfflineMarket market,
      java.util.function.Supplier<SourceRequest> request)
      throws AnswerRejectedException {
    SourceRequest req;
    try {
      req = request.get();
    } catch (UnsupportedOperationException declined) {
      return;
    }
    check(id, type, samples, market, req);
  }

  /**
   * The one-day request of the newest market day on or before {@code day} that the samples have
   * rates for: a weekly provider (NBP's Table B, Wednesdays) answers the market days between with
   * its no-data answer, which its adapter must read as such. A week without rates fails.
   */
  private static void dayChecked(
      String id,
      SourceType type,
      SampleAnswers samples,
      OfflineMarket market,
      RateSource source,
      LocalDate day)
      throws AnswerRejectedException {
    for (LocalDate d = day; !d.isBefore(day.minusDays(7)); d = market.latest(d.minusDays(1))) {
      SourceRequest req;
      try {
        req = source.day(d);
      } catch (UnsupportedOperationException declined) {
        return;
      }
      OfflineReply reply =
          samples
              .answer(offline(id, req), market)
              .orElseThrow(() -> new AssertionError(id + " does not answer " + req.url()));
      if (reply.status() == 200) {
        check(id, type, samples, market, req);
        return;
      }
      assertThat(source.providerError(reply.status(), reply.body()).map(ProviderError::kind))
          .as(id + " status " + reply.status() + " for " + req.url())
          .contains(ProviderError.Kind.NO_DATA);
    }
    throw new AssertionError(id + " has no rates in the week up to " + day);
  }

  private static void check(
      String id, SourceType type, SampleAnswers samples, OfflineMarket market, SourceRequest req)
      throws AnswerRejectedException {
    OfflineRequest request = offline(id, req);
    OfflineReply reply =
        samples
            .answer(request, market)
            .orElseThrow(() -> new AssertionError(id + " does not answer " + req.url()));
    assertThat(reply.status()).as(id + " status for " + req.url()).isEqualTo(200);
    List<ProviderDay> days = type.parser().parse(reply.body());
    assertThat(days).as(id + " days in the answer to " + req.url()).isNotEmpty();
    for (ProviderDay day : days) {
      assertThat(market.publishes(day.date()) || samples.publishesOnWeekends())
          .as(id + " publishes on " + day.date())
          .isTrue();
      for (String currency : market.currencies()) {
        if (currency.equals(day.base())) {
          continue;
        }
        String text = day.rawRates().get(currency);
        assertThat(text).as(id + " " + day.date() + " " + currency).isNotNull();
        BigDecimal expected = market.per(day.date(), day.base(), currency);
        BigDecimal ratio = new BigDecimal(text).divide(expected, MathContext.DECIMAL64);
        assertThat(ratio.doubleValue())
            .as(id + " " + day.date() + " " + day.base() + "→" + currency + " " + text)
            .isCloseTo(1.0, within(tolerance(market.per(day.date(), currency, day.base()))));
      }
    }
  }

  /**
   * How far rounding alone may move a figure: 0.5 %, or more where the provider's quote of one unit
   * is small, since a bank that quotes two decimals writes a price of 0.0093 as 0.01 (IRR in UZS);
   * {@code basePerUnit} is that quote, the base's price of one unit of the currency.
   */
  private static double tolerance(BigDecimal basePerUnit) {
    return Math.min(0.2, Math.max(0.005, 0.005 / basePerUnit.doubleValue()));
  }

  /** The request as the stub receives it: the path below the type's base URL, the query, a body. */
  static OfflineRequest offline(String id, SourceRequest req) {
    String path = req.url().getPath().substring(("/" + id).length());
    Map<String, String> query = new LinkedHashMap<>();
    String raw = req.url().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        query.put(
            URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    return new OfflineRequest(path, query, req.body());
  }
}
