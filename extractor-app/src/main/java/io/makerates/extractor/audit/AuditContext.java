package io.makerates.extractor.audit;

/** Where and under which rules records are made: copied into every bronze record. */
public record AuditContext(
    String host,
    String instance,
    String pipelineVersion,
    String dataClassification,
    String retentionPolicy) {}
