package io.makerates.sink;

import io.makerates.schema.ConsensusRate;
import io.makerates.schema.Contribution;
import io.makerates.schema.ReasonCode;
import io.makerates.schema.Rejection;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns one silver record into either a {@link SilverRate} the star schema can hold or a
 * reason-coded {@link Rejection}: unreadable bytes, a currency missing from dim_currency, a number
 * that is not a decimal or is out of the schema's range, a date dim_date cannot hold.
 */
final class SilverRecordCheck {

  static final String STAGE = "sink";

  /** dim_date holds four-digit years (its key is yyyymmdd). */
  static final LocalDate FIRST_DATE = LocalDate.of(1, 1, 1);

  static final LocalDate LAST_DATE = LocalDate.of(9999, 12, 31);

  /**
   * Far beyond any exchange rate, spread or band, and well within what PostgreSQL's numeric stores.
   */
  static final int MAX_INTEGER_DIGITS = 20;

  static final int MAX_FRACTION_DIGITS = 40;

  /** The outcome for one record. */
  sealed interface Outcome permits Accepted, Rejected {}

  record Accepted(SilverRate rate) implements Outcome {}

  record Rejected(Rejection rejection) implements Outcome {}

  private final Deserializer<ConsensusRate> deserializer;
  private final Predicate<String> knownCurrencies;

  /**
   * @param knownCurrencies whether a code is in dim_currency
   */
  SilverRecordCheck(Deserializer<ConsensusRate> deserializer, Predicate<String> knownCurrencies) {
    this.deserializer = deserializer;
    this.knownCurrencies = knownCurrencies;
  }

  Outcome check(ConsumerRecord<String, byte[]> record) {
    ConsensusRate value;
    try {
      value =
          record.value() == null
              ? null
              : deserializer.deserialize(record.topic(), record.headers(), record.value());
    } catch (RuntimeException e) {
      return reject(
          record, ReasonCode.UNREADABLE.name(), "not a ConsensusRate: " + e.getMessage(), null);
    }
    if (value == null) {
      return reject(record, ReasonCode.UNREADABLE.name(), "empty record value", null);
    }
    for (String code : List.of(value.getBase(), value.getQuote())) {
      if (!knownCurrencies.test(code)) {
        return reject(
            record,
            ReasonCode.UNKNOWN_CURRENCY.name(),
            "currency " + code + " is not in dim_currency",
            code);
      }
    }
    if (value.getDate().isBefore(FIRST_DATE) || value.getDate().isAfter(LAST_DATE)) {
      String detail = "date " + value.getDate() + " is outside " + FIRST_DATE + ".." + LAST_DATE;
      return reject(record, ReasonCode.BAD_DATE.name(), detail, null);
    }
    try {
      return new Accepted(toSilverRate(value));
    } catch (NumberFormatException e) {
      return reject(record, ReasonCode.BAD_VALUE.name(), e.getMessage(), null);
    }
  }

  private static SilverRate toSilverRate(ConsensusRate value) {
    BigDecimal rate = decimal("rate", value.getRate());
    if (rate == null || rate.signum() <= 0) {
      throw new NumberFormatException("rate '" + value.getRate() + "' is not a positive decimal");
    }
    List<SilverRate.Lineage> lineage = new ArrayList<>(value.getContributions().size());
    for (Contribution c : value.getContributions()) {
      BigDecimal observed = decimal("contribution value of " + c.getSourceId(), c.getValue());
      if (observed == null) {
        throw new NumberFormatException("contribution value of " + c.getSourceId() + " is empty");
      }
      UUID extractionId = c.getExtractionId();
      String leg = c.getLeg() != null ? c.getLeg() : value.getBase() + "/" + value.getQuote();
      lineage.add(
          new SilverRate.Lineage(
              leg,
              c.getSourceId(),
              c.getIndependenceGroup(),
              extractionId,
              observed,
              c.getAccepted(),
              c.getRejectionReason(),
              c.getBronze().getTopic(),
              c.getBronze().getPartition(),
              c.getBronze().getOffset(),
              c.getFlag(),
              c.getProviderBase()));
    }
    return new SilverRate(
        value.getDate(),
        value.getBase(),
        value.getQuote(),
        rate,
        value.getStatus().name(),
        value.getDerived(),
        value.getSourceCount(),
        decimal("spreadBps", value.getSpreadBps()),
        decimal("confidenceLow", value.getConfidenceLow()),
        decimal("confidenceHigh", value.getConfidenceHigh()),
        value.getRevision(),
        List.copyOf(lineage),
        List.copyOf(value.getFlags()));
  }

  /** A decimal string, or null when blank (spread and band are empty for a single voice). */
  private static BigDecimal decimal(String field, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    BigDecimal value;
    try {
      value = new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      throw new NumberFormatException(field + " '" + text + "' is not a decimal");
    }
    // checked before anything writes it out in plain digits: 1E+999999999 is a valid BigDecimal
    if (value.precision() - value.scale() > MAX_INTEGER_DIGITS
        || value.scale() > MAX_FRACTION_DIGITS) {
      throw new NumberFormatException(
          field
              + " '"
              + text
              + "' is out of range (at most "
              + MAX_INTEGER_DIGITS
              + " digits before the point and "
              + MAX_FRACTION_DIGITS
              + " after)");
    }
    return value;
  }

  private static Rejected reject(
      ConsumerRecord<String, byte[]> record, String reason, String detail, String currency) {
    return new Rejected(rejection(record, reason, detail, currency));
  }

  /** A sink rejection of this input record. */
  static Rejection rejection(
      ConsumerRecord<String, byte[]> record, String reason, String detail, String currency) {
    return Rejection.newBuilder()
        .setStage(STAGE)
        .setReasonCode(reason)
        .setDetail(detail)
        .setCurrency(currency)
        .setInputTopic(record.topic())
        .setInputPartition(record.partition())
        .setInputOffset(record.offset())
        .setRejectedAt(Instant.ofEpochMilli(Math.max(0, record.timestamp())))
        .build();
  }
}
