package io.makerates.launcher.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;

/**
 * The audit report as JSON for machines. Decimal values are strings, as in every MakeRates
 * contract, so that no reader turns a rate into a floating-point number on the way.
 */
public final class AuditJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AuditJson() {}

  public static String write(RateAudit.Report report) {
    RateTrail trail = report.trail();
    ObjectNode root = MAPPER.createObjectNode();
    root.put("date", trail.date().toString());
    root.put("base", trail.base());
    root.put("quote", trail.quote());
    root.put("verified", report.verified());
    trail.current().ifPresentOrElse(c -> root.set("fact", revision(c)), () -> root.putNull("fact"));
    ArrayNode revisions = root.putArray("revisions");
    for (RateTrail.Revision r : trail.revisions()) {
      ObjectNode revision = revision(r);
      // what changed against the revision before: kind, the voice (source, leg), from, to, detail
      revision.set("changes", MAPPER.valueToTree(trail.changesOf(r.number())));
      revisions.add(revision);
    }
    root.put("auditedRevision", trail.audited().number());
    ArrayNode voices = root.putArray("voices");
    for (VoiceCheck check : report.voices()) {
      RateTrail.Voice v = check.voice();
      ObjectNode voice = voices.addObject();
      voice.put("sourceId", v.sourceId());
      voice.put("independenceGroup", v.independenceGroup());
      voice.put("leg", v.leg());
      voice.put("value", text(v.value()));
      voice.put("accepted", v.accepted());
      voice.put("rejectionReason", v.rejectionReason());
      voice.put("flag", v.flag());
      voice.put("extractionId", v.extractionId().toString());
      ObjectNode bronze = voice.putObject("bronze");
      bronze.put("topic", v.bronzeTopic());
      bronze.put("partition", v.bronzePartition());
      bronze.put("offset", v.bronzeOffset());
      bronze.setAll((ObjectNode) MAPPER.valueToTree(check.bronze()));
      voice.put("arithmetic", check.arithmetic());
      voice.put("verified", check.verified());
      voice.set("checks", MAPPER.valueToTree(check.checks()));
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the audit report could not be written as JSON", e);
    }
  }

  private static ObjectNode revision(RateTrail.Revision r) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("revision", r.number());
    node.put("rate", text(r.rate()));
    node.put("status", r.status());
    node.put("derived", r.derived());
    node.put("sourceCount", r.sourceCount());
    node.put("spreadBps", text(r.spreadBps()));
    node.set("flags", MAPPER.valueToTree(r.flags()));
    node.put("recordedAt", r.recordedAt() == null ? null : r.recordedAt().toString());
    return node;
  }

  private static String text(BigDecimal value) {
    return value == null ? null : value.toPlainString();
  }
}
