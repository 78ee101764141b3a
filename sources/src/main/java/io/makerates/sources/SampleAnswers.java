package io.makerates.sources;

import java.time.MonthDay;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A type's provider played offline: which currencies its real answers list, its calendar, and
 * answers to the adapter's own requests in the provider's format, written from an {@link
 * OfflineMarket}. The offline stub serves every type that has one, and the coverage report counts a
 * type's voices from {@link #currencies()}; each type's conformance test checks that list against
 * the provider's recorded answers.
 */
public interface SampleAnswers {

  /** The currencies the provider quotes against its {@link #home()}, as its answers list them. */
  List<String> currencies();

  /** The currency its quotes are against (the type's default base). */
  String home();

  /** Fixed-date days without a publication, besides weekends. */
  default Set<MonthDay> holidays() {
    return Set.of();
  }

  /** True for a provider that publishes every day, weekends included. */
  default boolean publishesOnWeekends() {
    return false;
  }

  /**
   * The answer to {@code request}, or empty when its path is not one the provider serves (the stub
   * then answers 404).
   */
  Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market);
}
