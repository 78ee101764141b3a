package io.makerates.launcher.audit;

import java.util.List;

/**
 * One voice checked against its bronze record: what the record is, each check with its finding, and
 * the arithmetic that turns the provider's figures into the stored EUR-pivot value.
 */
public record VoiceCheck(
    RateTrail.Voice voice, Bronze bronze, List<Check> checks, String arithmetic) {

  public VoiceCheck {
    checks = List.copyOf(checks);
  }

  public boolean verified() {
    return checks.stream().allMatch(Check::ok);
  }

  /**
   * The bronze record as found at the voice's coordinates (null fields where no record or no answer
   * was found).
   */
  public record Bronze(
      String sourceId,
      String sourceType,
      String extractedAt,
      String url,
      Integer httpStatus,
      Long sizeBytes,
      String recordedSha256,
      String bodySha256,
      String providerBase) {

    static Bronze missing() {
      return new Bronze(null, null, null, null, null, null, null, null, null);
    }
  }

  /** One thing verified, or not, with what was found. */
  public record Check(String name, boolean ok, String detail) {}
}
