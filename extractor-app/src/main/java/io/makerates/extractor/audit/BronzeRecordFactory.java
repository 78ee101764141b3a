package io.makerates.extractor.audit;

import io.makerates.extractor.ExtractionJob;
import io.makerates.extractor.SourceConfig;
import io.makerates.extractor.http.Exchange;
import io.makerates.extractor.http.HttpFetcher;
import io.makerates.extractor.http.ReceivedResponse;
import io.makerates.extractor.http.Verdict;
import io.makerates.runtime.Checksums;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.HttpRequestRecord;
import io.makerates.schema.HttpResponseRecord;
import io.makerates.sources.SourceRequest;
import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Builds the immutable audit record of one attempt. Every field of BronzeExtraction is set here on
 * purpose (the Avro builder rejects a missing required one); secrets are redacted from everything
 * but the body, which stays byte-exact.
 */
public final class BronzeRecordFactory {

  private final AuditContext audit;
  private final SecretRedactor redactor;

  public BronzeRecordFactory(AuditContext audit, SecretRedactor redactor) {
    this.audit = audit;
    this.redactor = redactor;
  }

  public BronzeExtraction create(
      SourceConfig source,
      String sourceType,
      ExtractionJob job,
      Exchange exchange,
      Verdict verdict,
      int retryAttempt) {
    return create(UUID.randomUUID(), source, sourceType, job, exchange, verdict, retryAttempt);
  }

  /**
   * @param extractionId the attempt's id, chosen before the request so that its log lines carry it
   *     too
   */
  public BronzeExtraction create(
      UUID extractionId,
      SourceConfig source,
      String sourceType,
      ExtractionJob job,
      Exchange exchange,
      Verdict verdict,
      int retryAttempt) {
    SourceRequest request = job.request();
    return BronzeExtraction.newBuilder()
        .setExtractionId(extractionId)
        .setExtractedAt(exchange.sentAt())
        .setSourceId(source.id())
        .setSourceType(sourceType)
        .setSourceVersion(request.sourceVersion())
        .setTier(source.tier())
        .setTrigger(job.trigger())
        .setBackfillRunId(job.backfillRunId())
        .setRequestedFrom(request.requestedFrom())
        .setRequestedTo(request.requestedTo())
        .setRequest(
            HttpRequestRecord.newBuilder()
                .setUrl(redactor.redact(request.url().toString()))
                .setMethod(request.method())
                .setHeaders(redactor.redact(exchange.requestHeaders()))
                .setParams(redactor.redact(request.params()))
                .build())
        .setResponse(exchange.response() == null ? null : response(exchange.response()))
        .setDurationMillis(exchange.durationMillis())
        .setRetryAttempt(retryAttempt)
        .setErrorCode(verdict.failed() ? verdict.errorCode().name() : null)
        .setErrorMessage(redactor.redact(verdict.message()))
        .setHost(audit.host())
        .setInstance(audit.instance())
        .setPipelineVersion(audit.pipelineVersion())
        .setDataClassification(audit.dataClassification())
        .setRetentionPolicy(audit.retentionPolicy())
        .setParentExtractionId(job.parentExtractionId())
        .build();
  }

  private HttpResponseRecord response(ReceivedResponse response) {
    byte[] body = response.body();
    return HttpResponseRecord.newBuilder()
        .setStatus(response.status())
        // a server may echo a key back (e.g. in Location): headers are redacted too, the body never
        // is
        .setHeaders(redactor.redact(HttpFetcher.joined(response.headers())))
        .setBody(ByteBuffer.wrap(body.clone()))
        .setContentType(response.header("Content-Type").orElse(null))
        .setSizeBytes(body.length)
        .setSha256(Checksums.sha256Hex(body))
        .build();
  }
}
