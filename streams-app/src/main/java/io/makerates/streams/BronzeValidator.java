package io.makerates.streams;

import io.makerates.runtime.Checksums;
import io.makerates.runtime.currency.CurrencyTable;
import io.makerates.runtime.source.NoData;
import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.HttpResponseRecord;
import io.makerates.schema.Observation;
import io.makerates.schema.RateObservations;
import io.makerates.schema.ReasonCode;
import io.makerates.schema.Rejection;
import io.makerates.sources.AnswerParser;
import io.makerates.sources.AnswerRejectedException;
import io.makerates.sources.ProviderDay;
import io.makerates.sources.SourceTypes;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Turns one bronze extraction into validated, EUR-pivot observations (one per day of the answer)
 * and reason-coded rejections. Pure: the same bronze record always gives the same result, which is
 * what makes a replay reproducible. Good rates in a partly bad answer pass; every bad part becomes
 * a rejection.
 */
public final class BronzeValidator {

  public static final String STAGE = "streams-validate";
  public static final String PIVOT = EurRebase.PIVOT;
  static final MathContext REBASE = EurRebase.REBASE;
  private static final Pattern ISO_CODE = Pattern.compile("[A-Z]{3}");

  /** What one bronze record became. */
  public record Validation(List<RateObservations> observations, List<Rejection> rejections) {}

  private final Map<String, AnswerParser> parsersBySourceType;
  private final IndependenceGroups groups;
  private final ValidationSettings limits;
  private final CurrencyTable currencies;

  public BronzeValidator(Map<String, AnswerParser> parsersBySourceType, IndependenceGroups groups) {
    this(parsersBySourceType, groups, ValidationSettings.defaults(), CurrencyTable.iso4217());
  }

  public BronzeValidator(
      Map<String, AnswerParser> parsersBySourceType,
      IndependenceGroups groups,
      ValidationSettings limits,
      CurrencyTable currencies) {
    this.parsersBySourceType = Map.copyOf(parsersBySourceType);
    this.groups = groups;
    this.limits = limits;
    this.currencies = currencies;
  }

  /** The parsers of every source type the skeleton understands so far. */
  public static Map<String, AnswerParser> knownParsers() {
    return Parsers.all();
  }

  public Validation validate(BronzeExtraction bronze, BronzeCoordinates at, Instant recordTime) {
    return validate(bronze, at, recordTime, day -> true);
  }

  /**
   * The answer validated for the days asked for only: what an audit of one day needs, without
   * rebasing the other days of a year-long answer. The whole body is still checked and parsed.
   */
  public Validation validate(
      BronzeExtraction bronze, BronzeCoordinates at, Instant recordTime, Predicate<LocalDate> on) {
    Outcome out = new Outcome(bronze, at, recordTime);
    if (NoData.ERROR_CODE.equals(bronze.getErrorCode())) {
      return out
          .result(); // the provider has no rates for those dates (a holiday): nothing to publish,
      // nothing wrong
    }
    HttpResponseRecord response = bronze.getResponse();
    if (response == null) {
      return out.rejectAll(
          ReasonCode.EXTRACTION_FAILED,
          "no answer: " + bronze.getErrorCode() + " " + bronze.getErrorMessage());
    }
    byte[] body = bytes(response.getBody());
    String actual = Checksums.sha256Hex(body);
    if (!actual.equalsIgnoreCase(response.getSha256())) {
      return out.rejectAll(
          ReasonCode.CHECKSUM_MISMATCH,
          "body sha256 " + actual + " but recorded " + response.getSha256());
    }
    if (response.getStatus() < 200 || response.getStatus() > 299) {
      return out.rejectAll(
          ReasonCode.HTTP_ERROR, "HTTP " + response.getStatus() + errorSuffix(bronze));
    }
    if (bronze.getErrorCode() != null) {
      return out.rejectAll(
          ReasonCode.PROVIDER_ERROR, "extractor flagged the answer" + errorSuffix(bronze));
    }
    AnswerParser parser = parsersBySourceType.get(bronze.getSourceType());
    if (parser == null) {
      return out.rejectAll(
          ReasonCode.UNKNOWN_FORMAT, "no parser for source type '" + bronze.getSourceType() + "'");
    }
    try {
      List<ProviderDay> days = parser.parse(body);
      LocalDate newest =
          days.stream().map(ProviderDay::date).max(LocalDate::compareTo).orElse(null);
      for (ProviderDay day : days) {
        if (on.test(day.date())) {
          validateDay(day, newest, out);
        }
      }
    } catch (AnswerRejectedException e) {
      return out.rejectAll(e.reason(), e.getMessage());
    }
    if (out.observations.isEmpty() && out.rejections.isEmpty()) {
      out.reject(ReasonCode.EMPTY_ANSWER, "the answer holds no rates", null);
    }
    return out.result();
  }

  private void validateDay(ProviderDay day, LocalDate newest, Outcome out) {
    // Judged against the extraction time, not the wall clock, so a replay decides the same; one day
    // of slack for
    // providers whose business day starts ahead of UTC.
    LocalDate extractedOn = out.bronze.getExtractedAt().atZone(ZoneOffset.UTC).toLocalDate();
    if (day.date().isAfter(extractedOn.plusDays(1))) {
      out.reject(
          ReasonCode.FUTURE_DATE,
          "rates dated " + day.date() + " extracted at " + out.bronze.getExtractedAt(),
          null);
      return;
    }
    int staleAfter =
        Math.max(limits.staleLatestDays(), SourceTypes.latestLagDays(out.bronze.getSourceType()));
    if (out.bronze.getRequestedFrom() == null
        && day.date().isBefore(extractedOn.minusDays(staleAfter))) {
      if (!day.date().equals(newest)) {
        // the older days a fresh latest answer carries along (a window, a whole-history file) are
        // history a backfill brings, neither news nor a fault; a stale newest day is the fault
        return;
      }
      out.reject(
          ReasonCode.STALE_LATEST,
          "a latest answer dated "
              + day.date()
              + " extracted on "
              + extractedOn
              + ": older than "
              + staleAfter
              + " days",
          null);
      return;
    }
    Optional<ReasonCode> baseProblem = currencyProblem(day.base(), day.date());
    if (baseProblem.isPresent()) {
      out.reject(
          baseProblem.get(), day.date() + ": base " + describe(day.base(), day.date()), day.base());
      return;
    }
    Map<String, BigDecimal> good = new TreeMap<>();
    day.rawRates()
        .forEach(
            (currency, raw) -> {
              Optional<ReasonCode> problem = currencyProblem(currency, day.date());
              if (problem.isPresent()) {
                out.reject(
                    problem.get(), day.date() + ": " + describe(currency, day.date()), currency);
                return;
              }
              BigDecimal value = decimal(raw);
              if (value == null) {
                ReasonCode reason =
                    raw != null && isNonFinite(raw)
                        ? ReasonCode.NON_FINITE_RATE
                        : ReasonCode.UNPARSEABLE;
                out.reject(
                    reason,
                    day.date() + " " + currency + ": '" + raw + "' is not a decimal rate",
                    currency);
              } else if (value.signum() <= 0) {
                out.reject(
                    ReasonCode.NON_POSITIVE_RATE,
                    day.date() + " " + currency + ": rate " + raw + " is not positive",
                    currency);
              } else {
                good.put(currency, value);
              }
            });
    Optional<EurRebase.Rebased> rebased =
        EurRebase.rebase(day, good, SourceTypes.eurLegFromGroup(out.bronze.getSourceType()));
    if (rebased.isEmpty()) {
      good.keySet()
          .forEach(
              quote ->
                  out.reject(
                      ReasonCode.PIVOT_MISSING,
                      day.date()
                          + " "
                          + quote
                          + ": no valid "
                          + day.base()
                          + "→EUR rate in the answer to rebase with",
                      quote));
      return;
    }
    List<Observation> rates = new ArrayList<>();
    for (Observation rate : rebased.get().rates()) {
      BigDecimal pivotRate = new BigDecimal(rate.getRate());
      if (pivotRate.compareTo(limits.minRate()) < 0 || pivotRate.compareTo(limits.maxRate()) > 0) {
        out.reject(
            ReasonCode.OUT_OF_BOUNDS,
            day.date()
                + " "
                + rebased.get().pivot()
                + "→"
                + rate.getQuote()
                + " = "
                + rate.getRate()
                + " is outside the plausible "
                + limits.minRate().toPlainString()
                + " to "
                + limits.maxRate().toPlainString(),
            rate.getQuote());
      } else {
        rates.add(rate);
      }
    }
    if (!rates.isEmpty()) {
      out.observations.add(
          RateObservations.newBuilder()
              .setDate(day.date())
              .setSourceId(out.bronze.getSourceId())
              .setIndependenceGroup(groups.groupOf(out.bronze.getSourceId()))
              .setExtractionId(out.bronze.getExtractionId())
              .setExtractedAt(out.bronze.getExtractedAt())
              .setBronze(out.at)
              .setProviderBase(day.base())
              .setPivot(rebased.get().pivot())
              .setRates(rates)
              .build());
    }
  }

  /**
   * Empty when the code may be quoted on {@code date}: ISO 4217 lists it and it was not retired by
   * then.
   */
  private Optional<ReasonCode> currencyProblem(String code, LocalDate date) {
    if (code == null || !ISO_CODE.matcher(code).matches()) {
      return Optional.of(ReasonCode.NON_ISO_CURRENCY);
    }
    Optional<CurrencyTable.Currency> currency = currencies.find(code);
    if (currency.isEmpty()) {
      return Optional.of(ReasonCode.NON_ISO_CURRENCY);
    }
    return currency.get().validOn(date)
        ? Optional.empty()
        : Optional.of(ReasonCode.RETIRED_CURRENCY);
  }

  private String describe(String code, LocalDate date) {
    return currencies
        .find(code)
        .map(
            c ->
                "'"
                    + code
                    + "' was retired on "
                    + c.retiredOn()
                    + (c.successor() == null ? "" : " for " + c.successor())
                    + (c.ratio() == null ? "" : " at " + c.ratio().toPlainString() + " to 1"))
        .orElse("'" + code + "' is not an ISO 4217 code");
  }

  private static BigDecimal decimal(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return new BigDecimal(raw);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean isNonFinite(String raw) {
    try {
      return !Double.isFinite(Double.parseDouble(raw));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String errorSuffix(BronzeExtraction bronze) {
    return bronze.getErrorCode() == null
        ? ""
        : " (" + bronze.getErrorCode() + ": " + bronze.getErrorMessage() + ")";
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }

  /** Collects one record's results; every rejection carries the same lineage. */
  private static final class Outcome {
    final BronzeExtraction bronze;
    final BronzeCoordinates at;
    final Instant recordTime;
    final List<RateObservations> observations = new ArrayList<>();
    final List<Rejection> rejections = new ArrayList<>();

    Outcome(BronzeExtraction bronze, BronzeCoordinates at, Instant recordTime) {
      this.bronze = bronze;
      this.at = at;
      this.recordTime = recordTime;
    }

    void reject(ReasonCode reason, String detail, String currency) {
      rejections.add(
          Rejection.newBuilder()
              .setStage(STAGE)
              .setReasonCode(reason.name())
              .setDetail(detail)
              .setSourceId(bronze.getSourceId())
              .setExtractionId(
                  bronze.getExtractionId() == null ? null : bronze.getExtractionId().toString())
              .setCurrency(currency)
              .setInputTopic(at.getTopic())
              .setInputPartition(at.getPartition())
              .setInputOffset(at.getOffset())
              .setRejectedAt(recordTime)
              .build());
    }

    Validation rejectAll(ReasonCode reason, String detail) {
      observations.clear();
      reject(reason, detail, null);
      return result();
    }

    Validation result() {
      return new Validation(List.copyOf(observations), List.copyOf(rejections));
    }
  }
}
