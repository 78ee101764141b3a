package io.makerates.extractor;

import io.makerates.schema.ExtractionTrigger;
import io.makerates.sources.SourceRequest;
import java.util.UUID;

/**
 * One request to make, with why it is made: a scheduled poll, a backfill run or a manual
 * re-extraction of an earlier record. Every attempt of the job carries these into its bronze
 * record.
 */
public record ExtractionJob(
    SourceRequest request,
    ExtractionTrigger trigger,
    String backfillRunId,
    UUID parentExtractionId) {

  public static ExtractionJob scheduled(SourceRequest request) {
    return new ExtractionJob(request, ExtractionTrigger.SCHEDULE, null, null);
  }
}
