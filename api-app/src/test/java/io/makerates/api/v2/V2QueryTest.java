package io.makerates.api.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** v2's query: defaults, case, and each refusal with Frankfurter's message. */
class V2QueryTest {

  private static final Predicate<String> CURRENCY =
      Set.of("EUR", "USD", "JPY", "GBP", "CHF")::contains;

  private static V2Query parse(String query) throws V2Query.Refused {
    return V2Query.parse(query, CURRENCY);
  }

  @Test
  void withoutParametersItIsTodayInEurosFromEverySource() throws Exception {
    V2Query query = parse(null);
    assertThat(query.date()).isNull();
    assertThat(query.range()).isFalse();
    assertThat(query.base()).isEqualTo("EUR");
    assertThat(query.quotes()).isEmpty();
    assertThat(query.providers()).isEmpty();
    assertThat(query.group()).isEqualTo(V2Query.Group.NONE);
    assertThat(query.expandProviders()).isFalse();
    assertThat(query.expandLineage()).isFalse();
    assertThat(query.knownAt()).isNull();
  }

  @Test
  void codesProvidersGroupAndExpandAreReadInAnyCase() throws Exception {
    V2Query query =
        parse(
            "base=usd&quotes=jpy,%20gbp,&providers=ECB,Boe&from=2026-03-02&to=2026-03-06"
                + "&group=Week");
    assertThat(query.base()).isEqualTo("USD");
    assertThat(query.quotes()).containsExactly("GBP", "JPY");
    assertThat(query.providers()).containsExactly("boe", "ecb");
    assertThat(query.range()).isTrue();
    assertThat(query.from()).isEqualTo(LocalDate.of(2026, 3, 2));
    assertThat(query.to()).isEqualTo(LocalDate.of(2026, 3, 6));
    assertThat(query.group()).isEqualTo(V2Query.Group.WEEK);

    V2Query expanded =
        parse("date=2026-03-05&expand=PROVIDERS,lineage&known_at=2026-03-06T10:00:00%2B01:00");
    assertThat(expanded.date()).isEqualTo(LocalDate.of(2026, 3, 5));
    assertThat(expanded.expandProviders()).isTrue();
    assertThat(expanded.expandLineage()).isTrue();
    assertThat(expanded.knownAt()).isEqualTo(Instant.parse("2026-03-06T09:00:00Z"));
    assertThat(parse("from=2026-03-02").to()).isNull(); // to today
  }

  @Test
  void eachMistakeIsRefusedWithItsMessage() {
    assertRefused("symbols=USD&callback=x", "unknown parameter: symbols, callback");
    assertRefused("date=2026-02-30", "invalid date");
    assertRefused("from=yesterday", "invalid date");
    assertRefused("date=2026-03-05&from=2026-03-01", "conflicting params");
    assertRefused("date=2026-03-05&to=2026-03-06", "conflicting params");
    assertRefused("from=2026-03-01&group=year", "invalid group");
    assertRefused("expand=providers,votes,x", "invalid expand: votes,x");
    assertRefused("base=XYZ&quotes=USD,ABC", "invalid currency: XYZ,ABC");
    assertRefused("base=", "invalid currency: ");
    assertRefused("known_at=2026-03-05", "invalid known_at");
    assertRefused("to=2026-03-05", "to needs from");
    assertRefused("from=2026-03-09&to=2026-03-05", "the range ends before it starts");
    assertRefused("group=month", "group needs a range (from)");
    assertRefused("date=2026-03-05&group=week", "group needs a range (from)");
    assertRefused(
        "from=2026-03-01&group=week&expand=providers", "expand cannot be combined with group");
    assertRefused("base=%zz", "malformed query");
  }

  @Test
  void theChecksComeInFrankfurtersOrder() {
    // an unknown parameter first, then a date, then conflicts, group, expand and currencies
    assertRefused("x=1&date=nope", "unknown parameter: x");
    assertRefused("date=nope&from=2026-03-01", "invalid date");
    assertRefused("date=2026-03-01&from=2026-03-01&group=year", "conflicting params");
    assertRefused("group=year&expand=x", "invalid group");
    assertRefused("expand=x&base=XYZ", "invalid expand: x");
  }

  private static void assertRefused(String query, String message) {
    assertThatThrownBy(() -> parse(query)).as(query).hasMessage(message);
  }
}
