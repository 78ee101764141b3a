package io.makerates.extractor;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job at a source and, when that source cannot serve (quota spent, key refused, breaker
 * open, no rate permit), at the next source of its configured failover chain, and so on. A source
 * that answered, even with an error that is about the request, ends the chain: another source would
 * not make a bad request good.
 */
public final class FailoverChain {

  private static final Logger LOG = LoggerFactory.getLogger(FailoverChain.class);

  private final Map<String, SourceExtractor> extractors;
  private final ExtractionMetrics metrics;

  public FailoverChain(Map<String, SourceExtractor> extractors, ExtractionMetrics metrics) {
    this.extractors = Map.copyOf(extractors);
    this.metrics = metrics;
    // every handover a configured chain can make, and every source's end of its chain, at zero:
    // a dashboard shows each source from the start, and an absent series means the app is down
    for (String sourceId : extractors.keySet()) {
      List<String> order = order(sourceId);
      for (int i = 0; i < order.size(); i++) {
        String next = i + 1 < order.size() ? order.get(i + 1) : ExtractionMetrics.NO_SOURCE_LEFT;
        for (ExtractionResult.Outcome outcome : ExtractionResult.Outcome.values()) {
          if (outcome.sourceUnavailable()) {
            metrics.registerFailover(order.get(i), next, outcome.name());
          }
        }
      }
    }
  }

  /**
   * The sources tried for {@code sourceId}, in order: itself, then its chain (each source once).
   */
  public List<String> order(String sourceId) {
    Set<String> order = new LinkedHashSet<>();
    order.add(sourceId);
    order.addAll(extractors.get(sourceId).config().failover());
    return new ArrayList<>(order);
  }

  /**
   * @param job the job to run at a given source (each adapter builds its own request)
   * @return every source's result, in the order tried; the last one is the chain's answer
   */
  public List<ExtractionResult> run(String sourceId, Function<SourceExtractor, ExtractionJob> job) {
    List<ExtractionResult> results = new ArrayList<>();
    List<String> order = order(sourceId);
    for (int i = 0; i < order.size(); i++) {
      SourceExtractor extractor = extractors.get(order.get(i));
      ExtractionResult result = extractor.extract(job.apply(extractor));
      results.add(result);
      boolean unavailable =
          result.outcome().sourceUnavailable() || extractor.circuitState().name().equals("OPEN");
      if (!unavailable) {
        break;
      }
      if (i == order.size() - 1) {
        // nothing left to hand the job to: counted, so that a chain running dry shows
        metrics.failover(order.get(i), ExtractionMetrics.NO_SOURCE_LEFT, result.outcome().name());
        break;
      }
      String next = order.get(i + 1);
      metrics.failover(order.get(i), next, result.outcome().name());
      LOG.warn(
          "source {} cannot serve ({}: {}); handing over to {}",
          order.get(i),
          result.outcome(),
          result.detail(),
          next);
    }
    return results;
  }
}
