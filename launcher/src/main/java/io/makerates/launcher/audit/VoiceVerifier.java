package io.makerates.launcher.audit;

import io.makerates.runtime.Checksums;
import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.HttpResponseRecord;
import io.makerates.schema.Observation;
import io.makerates.schema.RateObservations;
import io.makerates.streams.BronzeValidator;
import io.makerates.streams.GroupLegs;
import io.makerates.streams.IndependenceGroups;
import io.makerates.streams.Parsers;
import io.makerates.streams.ValidationSettings;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Checks a voice against the raw answer it came from: the record at its coordinates is the
 * extraction it names, its body still hashes to the SHA-256 recorded at extraction, and reading the
 * body again gives the stored value.
 *
 * <p>The body is read again by streams-app's own validator (the same parser and the same EUR
 * rebasing), with its plausibility limits opened wide: the audit asks what the body says, not
 * whether today's limits would pass it.
 */
public final class VoiceVerifier {

  private static final String PIVOT = "EUR";

  private final GroupLegLookup groupLegs;
  private final BronzeValidator validator =
      new BronzeValidator(
          Parsers.all(),
          IndependenceGroups.defaults(),
          new ValidationSettings(
              new BigDecimal("1E-30"), new BigDecimal("1E30"), Integer.MAX_VALUE),
          io.makerates.runtime.currency.CurrencyTable.iso4217());

  // by bronze coordinates (a record there never changes): the voices of one answer (a range of
  // three years, say) read and search its body once, not once per voice; answers are checked side
  // by side, the voices of one answer one after the other
  private final Map<String, BronzeValidator.Validation> validations = new ConcurrentHashMap<>();
  private final Map<String, BodyFigures> figures = new ConcurrentHashMap<>();
  private final Map<String, String> bodyHashes = new ConcurrentHashMap<>();

  public VoiceVerifier() {
    this(GroupLegLookup.none());
  }

  /**
   * @param groupLegs where the EUR leg of a voice whose answer quotes no EUR is found
   */
  public VoiceVerifier(GroupLegLookup groupLegs) {
    this.groupLegs = groupLegs;
  }

  public VoiceCheck check(
      LocalDate date,
      RateTrail.Voice voice,
      Optional<ConsumerRecord<String, BronzeExtraction>> found) {
    List<VoiceCheck.Check> checks = new ArrayList<>();
    String at = voice.bronzeTopic() + "/" + voice.bronzePartition() + "@" + voice.bronzeOffset();
    if (found.isEmpty()) {
      checks.add(
          new VoiceCheck.Check(
              "bronze record",
              false,
              "no record at "
                  + at
                  + " (deleted by the topic's retention, or the lineage points at another cluster)"));
      return new VoiceCheck(voice, VoiceCheck.Bronze.missing(), checks, null);
    }
    BronzeExtraction bronze = found.get().value();
    HttpResponseRecord response = bronze.getResponse();
    byte[] body = response == null ? null : bytes(response.getBody());
    String bodySha =
        body == null
            ? null
            : bodyHashes.computeIfAbsent(coordinates(found.get()), k -> Checksums.sha256Hex(body));
    checks.add(new VoiceCheck.Check("bronze record", true, "found at " + at));
    checks.add(
        new VoiceCheck.Check(
            "extraction id",
            voice.extractionId().toString().equals(bronze.getExtractionId().toString()),
            "the record is extraction "
                + bronze.getExtractionId()
                + (voice.extractionId().toString().equals(bronze.getExtractionId().toString())
                    ? ""
                    : ", the lineage names " + voice.extractionId())));
    checks.add(
        new VoiceCheck.Check(
            "source",
            voice.sourceId().equals(bronze.getSourceId()),
            "the record is an answer of "
                + bronze.getSourceId()
                + " ("
                + bronze.getSourceType()
                + ")"));
    String arithmetic = null;
    String providerBase = null;
    if (response == null) {
      checks.add(
          new VoiceCheck.Check(
              "sha256", false, "the record holds no answer (" + bronze.getErrorCode() + ")"));
    } else if (!bodySha.equalsIgnoreCase(response.getSha256())) {
      checks.add(
          new VoiceCheck.Check(
              "sha256",
              false,
              "the body hashes to "
                  + bodySha
                  + " but "
                  + response.getSha256()
                  + " was recorded at extraction: the raw answer was altered after it was received"));
    } else {
      checks.add(new VoiceCheck.Check("sha256", true, bodySha + " as recorded at extraction"));
      Derived derived = derive(date, voice, bronze, found.get(), body);
      providerBase = derived.providerBase();
      arithmetic = derived.arithmetic();
      if (derived.value() == null) {
        checks.add(new VoiceCheck.Check("value", false, derived.problem()));
      } else {
        boolean same = derived.value().compareTo(voice.value()) == 0;
        checks.add(
            new VoiceCheck.Check(
                "value",
                same,
                "the body gives "
                    + derived.value().toPlainString()
                    + ", stored "
                    + voice.value().toPlainString()
                    + (same ? "" : ": the stored value is not what the body says")
                    + "; "
                    + derived.foundInBody()));
      }
    }
    VoiceCheck.Bronze summary =
        new VoiceCheck.Bronze(
            bronze.getSourceId(),
            bronze.getSourceType(),
            bronze.getExtractedAt().toString(),
            bronze.getRequest().getUrl(),
            response == null ? null : response.getStatus(),
            response == null ? null : response.getSizeBytes(),
            response == null ? null : response.getSha256(),
            bodySha,
            providerBase);
    return new VoiceCheck(voice, summary, checks, arithmetic);
  }

  /**
   * What the body gives for the voice's leg on the date, with the arithmetic and where its figures
   * stand in the body, or why it gives nothing.
   */
  private record Derived(
      BigDecimal value, String providerBase, Arithmetic.Explained explained, String problem) {

    String arithmetic() {
      return explained == null ? null : explained.text();
    }

    String foundInBody() {
      return String.join("; ", explained.notes());
    }
  }

  private Derived derive(
      LocalDate date,
      RateTrail.Voice voice,
      BronzeExtraction bronze,
      ConsumerRecord<String, BronzeExtraction> record,
      byte[] body) {
    BronzeCoordinates at =
        new BronzeCoordinates(record.topic(), record.partition(), record.offset());
    BronzeValidator.Validation validation =
        validations.computeIfAbsent(
            coordinates(record) + " on " + date,
            k ->
                validator.validate(
                    bronze, at, Instant.ofEpochMilli(record.timestamp()), date::equals));
    String quote = voice.legQuote();
    Optional<RateObservations> day =
        validation.observations().stream().filter(o -> o.getDate().equals(date)).findFirst();
    if (day.isEmpty()) {
      String why =
          validation.rejections().stream()
              .filter(r -> quote.equals(r.getCurrency()) || r.getCurrency() == null)
              .map(r -> r.getReasonCode() + ": " + r.getDetail())
              .findFirst()
              .orElse("the answer holds no rates for " + date);
      return new Derived(
          null,
          null,
          null,
          "reading the body again gives no " + voice.leg() + " on " + date + " (" + why + ")");
    }
    RateObservations observations = day.get();
    String base = observations.getProviderBase();
    Optional<Observation> leg =
        observations.getRates().stream().filter(o -> o.getQuote().equals(quote)).findFirst();
    if (leg.isEmpty()) {
      return new Derived(null, base, null, "the body holds no " + voice.leg() + " on " + date);
    }
    BodyFigures figures =
        this.figures.computeIfAbsent(
            coordinates(record),
            k -> new BodyFigures(new String(body, StandardCharsets.UTF_8), date));
    if (!PIVOT.equals(observations.getPivot())) {
      return throughGroupLeg(date, voice, base, leg.get(), figures);
    }
    BigDecimal value = new BigDecimal(leg.get().getRate());
    String baseToEur =
        observations.getRates().stream()
            .filter(o -> o.getQuote().equals(base))
            .findFirst()
            .map(Observation::getProviderRate)
            .orElse("?");
    return new Derived(
        value,
        base,
        Arithmetic.explain(
            base,
            quote,
            quote.equals(base) ? null : leg.get().getProviderRate(),
            PIVOT.equals(base) ? null : baseToEur,
            value,
            figures),
        null);
  }

  /**
   * An answer without EUR voted through its group's EUR rate of its home currency that day: the
   * body's figure times one of the group's recorded legs must give the stored value.
   */
  private Derived throughGroupLeg(
      LocalDate date, RateTrail.Voice voice, String base, Observation asSent, BodyFigures body) {
    List<GroupLegLookup.Leg> legs;
    try {
      legs = groupLegs.of(date, base, voice.independenceGroup());
    } catch (AuditException e) {
      return new Derived(null, base, null, e.getMessage());
    }
    if (legs.isEmpty()) {
      return new Derived(
          null,
          base,
          null,
          "the answer quotes no EUR, and no source of group "
              + voice.independenceGroup()
              + " has an EUR/"
              + base
              + " voice on "
              + date
              + " to carry it onto EUR");
    }
    BigDecimal pivotToQuote = new BigDecimal(asSent.getRate());
    GroupLegLookup.Leg used =
        legs.stream()
            .filter(l -> value(l, pivotToQuote).compareTo(voice.value()) == 0)
            .findFirst()
            .orElse(legs.getFirst());
    BigDecimal value = value(used, pivotToQuote);
    return new Derived(
        value,
        base,
        Arithmetic.throughGroupLeg(
            base, voice.legQuote(), asSent.getProviderRate(), used, value, body),
        null);
  }

  private static BigDecimal value(GroupLegLookup.Leg leg, BigDecimal pivotToQuote) {
    return new BigDecimal(GroupLegs.through(leg.value(), pivotToQuote));
  }

  private static String coordinates(ConsumerRecord<String, BronzeExtraction> record) {
    return record.topic() + "/" + record.partition() + "@" + record.offset();
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return bytes;
  }
}
