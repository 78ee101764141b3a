package io.makerates.api.history;

import java.math.BigDecimal;
import java.util.List;

/**
 * One EUR-pivot rate (EUR→{@code quote}) of a day as the star schema records it: the value, the
 * consensus' status, how many independent voices it was decided from, their spread, the doubts it
 * rests on and its revision; with its voices when they were asked for (else an empty list).
 *
 * @param spreadBps null where the sink stored none
 */
public record RecordedRate(
    String quote,
    BigDecimal rate,
    String status,
    int sources,
    BigDecimal spreadBps,
    List<String> flags,
    int revision,
    List<Voice> voices) {

  public RecordedRate {
    flags = List.copyOf(flags);
    voices = List.copyOf(voices);
  }
}
