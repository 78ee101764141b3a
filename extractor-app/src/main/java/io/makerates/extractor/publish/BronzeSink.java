package io.makerates.extractor.publish;

import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.QuotaUsage;

/** Where attempt records go: the bronze topic in production, a list in tests. */
@FunctionalInterface
public interface BronzeSink {

  /**
   * Stores one attempt's record, and the quota usage it took (null for a source without a quota),
   * durably and together, or throws; the record of an attempt must not be lost silently.
   */
  void publish(BronzeExtraction record, QuotaUsage usage);
}
