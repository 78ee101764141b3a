package io.makerates.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.api.http.ClientBudget.Decision;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The per-client budget on a clock the test moves. */
class ClientBudgetTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);

  private ClientBudget budget(int requests, int maxClients) {
    return new ClientBudget(requests, Duration.ofSeconds(60), maxClients, nanos::get);
  }

  private void advance(Duration by) {
    nanos.addAndGet(by.toNanos());
  }

  @Test
  void withinBudgetEachRequestIsAllowedAndCountsDown() {
    ClientBudget budget = budget(3, 10);
    assertThat(budget.take("a")).isEqualTo(new Decision(true, 2, 0));
    assertThat(budget.take("a")).isEqualTo(new Decision(true, 1, 0));
    assertThat(budget.take("a")).isEqualTo(new Decision(true, 0, 0));
  }

  @Test
  void overBudgetIsRefusedUntilThePeriodEnds() {
    ClientBudget budget = budget(2, 10);
    budget.take("a");
    advance(Duration.ofSeconds(10));
    budget.take("a");
    assertThat(budget.take("a")).isEqualTo(new Decision(false, 0, 50));
    advance(Duration.ofMillis(20_500));
    assertThat(budget.take("a")).isEqualTo(new Decision(false, 0, 30)); // 29.5 s, rounded up
    advance(Duration.ofMillis(29_400)); // 0.1 s left
    assertThat(budget.take("a").retryAfterSeconds()).isEqualTo(1); // never "try again in 0 s"
  }

  @Test
  void aNewPeriodRefills() {
    ClientBudget budget = budget(2, 10);
    budget.take("a");
    budget.take("a");
    assertThat(budget.take("a").allowed()).isFalse();
    advance(Duration.ofSeconds(60));
    assertThat(budget.take("a")).isEqualTo(new Decision(true, 1, 0));
    assertThat(budget.take("a")).isEqualTo(new Decision(true, 0, 0));
    assertThat(budget.take("a").allowed()).isFalse();
  }

  @Test
  void clientsAreIndependent() {
    ClientBudget budget = budget(1, 10);
    assertThat(budget.take("a").allowed()).isTrue();
    assertThat(budget.take("a").allowed()).isFalse();
    assertThat(budget.take("b").allowed()).isTrue();
    assertThat(budget.take("b").allowed()).isFalse();
  }

  @Test
  void idleClientsAreForgottenAfterTheirPeriod() {
    ClientBudget budget = budget(5, 1_000);
    for (int i = 0; i < 100; i++) {
      budget.take("client-" + i);
    }
    assertThat(budget.tracked()).isEqualTo(100);
    advance(Duration.ofSeconds(30));
    budget.take("late");
    assertThat(budget.tracked()).isEqualTo(101);
    advance(Duration.ofSeconds(30)); // the first hundred have had their period; "late" has not
    assertThat(budget.tracked()).isEqualTo(1);
  }

  @Test
  void manyDistinctClientsStayWithinTheBoundAndTheEldestGoesFirst() {
    ClientBudget budget = budget(1, 3);
    for (int i = 0; i < 10_000; i++) {
      budget.take("client-" + i);
      assertThat(budget.tracked()).isLessThanOrEqualTo(3);
    }
    // the last three are still counted; the eldest were forgotten to make room
    assertThat(budget.take("client-9999").allowed()).isFalse();
    assertThat(budget.take("client-9997").allowed()).isFalse();
    assertThat(budget.take("client-0").allowed()).isTrue();
  }
}
