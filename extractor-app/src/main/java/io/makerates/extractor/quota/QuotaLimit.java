package io.makerates.extractor.quota;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * A source's request allowance per UTC day or month (free API tiers count that way), and the share
 * of it at which a warning is raised. Written {@code 1500/month} or {@code 100/day} in the
 * configuration.
 */
public record QuotaLimit(Period period, long limit, double warnAt) {

  public enum Period {
    DAY,
    MONTH
  }

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter MONTH =
      DateTimeFormatter.ofPattern("yyyy-MM").withZone(ZoneOffset.UTC);

  public QuotaLimit {
    if (limit < 1) {
      throw new IllegalArgumentException("a quota allows at least one request, not " + limit);
    }
    if (!(warnAt > 0 && warnAt <= 1)) {
      throw new IllegalArgumentException(
          "the warning threshold is a share between 0 and 1, not " + warnAt);
    }
  }

  /** Parses {@code 1500/month}, {@code 100/day}; null when the text is {@code none}. */
  public static QuotaLimit parse(String text, double warnAt) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("none")) {
      return null;
    }
    int slash = t.indexOf('/');
    if (slash < 1) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a quota: write e.g. 1500/month or 100/day, or none");
    }
    long limit;
    try {
      limit = Long.parseLong(t.substring(0, slash).replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a quota: the part before / must be a whole number");
    }
    Period period =
        switch (t.substring(slash + 1)) {
          case "day" -> Period.DAY;
          case "month" -> Period.MONTH;
          default ->
              throw new IllegalArgumentException(
                  "'" + text + "' is not a quota: the period is day or month (UTC)");
        };
    return new QuotaLimit(period, limit, warnAt);
  }

  /**
   * The period key an instant falls in: {@code DAY:2026-11-22} or {@code MONTH:2026-11}, as stored
   * in QuotaUsage.
   */
  public String periodOf(Instant at) {
    return period + ":" + (period == Period.DAY ? DAY : MONTH).format(at);
  }

  @Override
  public String toString() {
    return limit + "/" + period.name().toLowerCase(Locale.ROOT);
  }
}
