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
    // every handover a configured chain can make, at zero, so that a dashboard shows the chain
    // before its first use
    for (String sourceId : extractors.keySet()) {
      List<String> order = order(sourceId);
      for (int i = 0; i + 1 < order.size(); i++) {
        for (ExtractionResult.Outcome outcome : ExtractionResult.Outcome.values()) {
          if (outcome.sourceUnavailable()) {
            metrics.registerFailover(order.get(i), order.get(i + 1), outcome.name());
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
      if (!unavailable || i == order.size() - 1) {
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
