package io.makerates.extractor.publish;

import io.makerates.schema.BronzeExtraction;

/** Where attempt records go: the bronze topic in production, a list in tests. */
@FunctionalInterface
public interface BronzeSink {

  /** Stores one record durably or throws; the record of an attempt must not be lost silently. */
  void publish(BronzeExtraction record);
}
