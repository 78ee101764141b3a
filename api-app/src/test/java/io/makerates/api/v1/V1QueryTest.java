package io.makerates.api.v1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** v1's query: aliases, case, defaults, and what is refused. */
class V1QueryTest {

  @Test
  void aliasesAndCaseAreReadAsFrankfurterReadsThem() throws Exception {
    V1Query query = V1Query.parse("from=usd&to=jpy,gbp&amount=2.5");
    assertThat(query.base()).isEqualTo("USD");
    assertThat(query.symbols()).containsExactlyInAnyOrder("JPY", "GBP");
    assertThat(query.amount()).isEqualByComparingTo("2.5");

    V1Query none = V1Query.parse(null);
    assertThat(none.base()).isEqualTo("EUR");
    assertThat(none.symbols()).isEmpty();
    assertThat(none.amount()).isEqualByComparingTo(BigDecimal.ONE);
    assertThat(V1Query.parse("symbols=USD%2C%20GBP").symbols())
        .containsExactlyInAnyOrder("USD", "GBP");
  }

  @Test
  void badValuesAndUnknownParametersAreRefusedWithTheReason() {
    assertThatThrownBy(() -> V1Query.parse("amount=-1")).hasMessage("invalid amount");
    assertThatThrownBy(() -> V1Query.parse("amount=1e99")).hasMessage("invalid amount");
    assertThatThrownBy(() -> V1Query.parse("amount=10abc")).hasMessage("invalid amount");
    assertThatThrownBy(() -> V1Query.parse("base=US")).hasMessage("invalid base");
    assertThatThrownBy(() -> V1Query.parse("symbols=USD,,GBP")).hasMessage("invalid symbols");
    assertThatThrownBy(() -> V1Query.parse("date=2020-01-01"))
        .hasMessage("unknown parameter 'date'");
    assertThatThrownBy(() -> V1Query.parse("base=%zz")).hasMessage("malformed query");
  }
}
