package io.makerates.launcher.audit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Where an audit finds the EUR leg of a voice whose answer quotes no EUR (NBP's Table B): the EUR
 * rates of the answer's home currency that sources of the voice's group gave that day, as the star
 * schema's lineage records them.
 */
@FunctionalInterface
public interface GroupLegLookup {

  /** One source's EUR→currency value on the day, and the extraction it came from. */
  record Leg(BigDecimal value, String sourceId, UUID extractionId) {}

  /**
   * Every distinct EUR→{@code currency} value of the group's sources on {@code date}.
   *
   * @throws AuditException when they cannot be read
   */
  List<Leg> of(LocalDate date, String currency, String group) throws AuditException;

  /** For a star schema that records no such voices. */
  static GroupLegLookup none() {
    return (date, currency, group) -> List.of();
  }
}
