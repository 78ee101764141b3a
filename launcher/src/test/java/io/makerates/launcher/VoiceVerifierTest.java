package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.launcher.audit.GroupLegLookup;
import io.makerates.launcher.audit.RateTrail;
import io.makerates.launcher.audit.VoiceCheck;
import io.makerates.launcher.audit.VoiceVerifier;
import io.makerates.runtime.Checksums;
import io.makerates.schema.BronzeCoordinates;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.HttpResponseRecord;
import io.makerates.streams.BronzeValidator;
import io.makerates.streams.GroupLegs;
import io.makerates.streams.IndependenceGroups;
import io.makerates.streams.Parsers;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The audit's check of one voice against its bronze record, for a rebased source (Bank of Canada,
 * CAD base): the value streams-app stored verifies with its arithmetic shown; an altered body, a
 * body whose checksum was forged along with a changed figure, and a record of another extraction
 * each fail with their reason.
 */
class VoiceVerifierTest {

  private static final LocalDate DAY = LocalDate.of(2026, 3, 12);
  private static final Instant AT = Instant.parse("2026-03-12T21:00:00Z");
  private final VoiceVerifier verifier = new VoiceVerifier();

  @Test
  void theStoredRebasedValueVerifiesWithItsArithmetic() {
    BronzeExtraction bronze = RealFormatBronze.bankOfCanada(DAY, AT, UUID.randomUUID());
    VoiceCheck check =
        verifier.check(DAY, voice(bronze, storedByStreamsApp(bronze, "USD")), record(bronze));

    assertThat(check.verified()).as(check.checks().toString()).isTrue();
    // the Bank of Canada sends CAD per X: its own figures, not the parser's 34-digit inverses
    assertThat(check.arithmetic()).startsWith("EUR→USD = CAD per EUR / CAD per USD = ");
    assertThat(value(check)).doesNotContain("not literally").contains("(CAD per USD)");
    assertThat(check.bronze().providerBase()).isEqualTo("CAD");
    assertThat(check.bronze().bodySha256()).isEqualTo(bronze.getResponse().getSha256());
  }

  /**
   * The Czech National Bank quotes CZK per {@code amount} units: the audit shows those figures as
   * the body has them (trailing zero, per 100 JPY) where each stands, and the arithmetic on them
   * gives the stored value.
   */
  @Test
  void aHomeQuotingBanksFiguresAreShownAsTheBodyHasThem() {
    BronzeExtraction bronze = RealFormatBronze.czechNationalBank(DAY, AT, UUID.randomUUID());
    BigDecimal usd = storedByStreamsApp(bronze, "USD");
    VoiceCheck dollar = verifier.check(DAY, voice(bronze, "EUR/USD", usd), record(bronze));
    assertThat(dollar.verified()).as(dollar.checks().toString()).isTrue();
    assertThat(dollar.arithmetic())
        .isEqualTo(
            "EUR→USD = CZK per EUR / CZK per USD = 24.170 / 22.345 = "
                + usd.toPlainString()
                + " (20 significant digits, half-even)");
    assertThat(usd)
        .isEqualByComparingTo(
            new BigDecimal("24.170").divide(new BigDecimal("22.345"), new MathContext(20)));
    String body = body(bronze);
    assertThat(value(dollar))
        .contains(
            "24.170 at character " + body.indexOf("24.170") + " of the body (CZK per EUR)",
            "22.345 at character " + body.indexOf("22.345") + " of the body (CZK per USD)")
        .doesNotContain("not literally");

    BigDecimal yen = storedByStreamsApp(bronze, "JPY");
    VoiceCheck jpy = verifier.check(DAY, voice(bronze, "EUR/JPY", yen), record(bronze));
    assertThat(jpy.verified()).isTrue();
    assertThat(jpy.arithmetic())
        .isEqualTo(
            "EUR→JPY = CZK per EUR / CZK per 100 JPY × 100 = 24.170 / 15.123 × 100 = "
                + yen.toPlainString()
                + " (20 significant digits, half-even)");
    assertThat(value(jpy)).contains("15.123 at character", "(CZK per 100 JPY)");

    BigDecimal koruna = storedByStreamsApp(bronze, "CZK");
    VoiceCheck czk = verifier.check(DAY, voice(bronze, "EUR/CZK", koruna), record(bronze));
    assertThat(czk.verified()).isTrue();
    assertThat(czk.arithmetic()).isEqualTo("EUR→CZK = CZK per EUR = 24.170 = 24.17");
  }

  @Test
  void aFigureWithADecimalCommaIsFoundAsTheBodyHasIt() {
    BronzeExtraction bronze = RealFormatBronze.bankOfRussia(DAY, AT, UUID.randomUUID());
    BigDecimal usd = storedByStreamsApp(bronze, "USD");
    VoiceCheck check = verifier.check(DAY, voice(bronze, "EUR/USD", usd), record(bronze));

    assertThat(check.verified()).as(check.checks().toString()).isTrue();
    assertThat(check.arithmetic())
        .startsWith("EUR→USD = RUB per EUR / RUB per USD = 101,2030 / 93,4500 = ");
    assertThat(value(check)).contains("101,2030 at character", "93,4500 at character");
  }

  @Test
  void anEurBaseValueIsFoundAsSentInTheBody() {
    BronzeExtraction bronze = RealFormatBronze.ecb(DAY, AT, UUID.randomUUID());
    BigDecimal stored = storedByStreamsApp(bronze, "JPY");
    VoiceCheck check = verifier.check(DAY, voice(bronze, stored), record(bronze));

    assertThat(check.verified()).isTrue();
    assertThat(check.arithmetic())
        .isEqualTo("EUR→JPY = " + stored.toPlainString() + " as sent by the source (base EUR)");
    assertThat(check.checks())
        .filteredOn(c -> c.name().equals("value"))
        .singleElement()
        .satisfies(c -> assertThat(c.detail()).contains(stored.toPlainString() + " at character "));
  }

  @Test
  void aBodyAlteredAfterExtractionFailsItsChecksum() {
    BronzeExtraction bronze = RealFormatBronze.bankOfCanada(DAY, AT, UUID.randomUUID());
    BigDecimal stored = storedByStreamsApp(bronze, "USD");
    BronzeExtraction altered =
        withBody(
            bronze,
            body(bronze).replace("\"FXUSDCAD\": {\"v\": \"", "\"FXUSDCAD\": {\"v\": \"1"),
            false);

    VoiceCheck check = verifier.check(DAY, voice(altered, stored), record(altered));

    assertThat(check.verified()).isFalse();
    assertThat(check.checks())
        .filteredOn(c -> !c.ok())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("sha256");
              assertThat(c.detail())
                  .contains(
                      "was recorded at extraction: the raw answer was altered after it was received");
            });
  }

  @Test
  void aChangedFigureWithAForgedChecksumFailsTheValue() {
    BronzeExtraction bronze = RealFormatBronze.bankOfCanada(DAY, AT, UUID.randomUUID());
    BigDecimal stored = storedByStreamsApp(bronze, "USD");
    BronzeExtraction forged =
        withBody(
            bronze,
            body(bronze).replace("\"FXUSDCAD\": {\"v\": \"", "\"FXUSDCAD\": {\"v\": \"1"),
            true);

    VoiceCheck check = verifier.check(DAY, voice(forged, stored), record(forged));

    assertThat(check.checks())
        .filteredOn(c -> !c.ok())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("value");
              assertThat(c.detail())
                  .contains(
                      "stored "
                          + stored.toPlainString()
                          + ": the stored value is not what the body says");
            });
  }

  @Test
  void aRecordOfAnotherExtractionOrNoneAtAllDoesNotVerify() {
    BronzeExtraction bronze = RealFormatBronze.ecb(DAY, AT, UUID.randomUUID());
    RateTrail.Voice voice =
        voice(RealFormatBronze.ecb(DAY, AT, UUID.randomUUID()), storedByStreamsApp(bronze, "USD"));

    assertThat(verifier.check(DAY, voice, record(bronze)).checks())
        .filteredOn(c -> !c.ok())
        .extracting(VoiceCheck.Check::name)
        .containsExactly("extraction id");
    assertThat(verifier.check(DAY, voice, Optional.empty()).checks())
        .singleElement()
        .satisfies(
            c -> assertThat(c.detail()).startsWith("no record at fx.bronze.extractions.v1/2@41"));
  }

  /**
   * NBP's Table B quotes no EUR: its voice is the body's PLN→X times the EUR/PLN voice of its own
   * group that day, which the audit finds in the lineage; with no such leg, or another one, the
   * value does not verify.
   */
  @Test
  void aVoiceWithoutEurVerifiesThroughItsGroupsRecordedLeg() {
    BronzeExtraction bronze = RealFormatBronze.nbpTableB(DAY, AT, UUID.randomUUID());
    BigDecimal plnToAed = storedByStreamsApp(bronze, "AED");
    UUID tableA = UUID.randomUUID();
    GroupLegLookup.Leg leg = new GroupLegLookup.Leg(new BigDecimal("4.2866"), "nbp", tableA);
    BigDecimal stored = new BigDecimal(GroupLegs.through(leg.value(), plnToAed));
    RateTrail.Voice voice = voice(bronze, "EUR/AED", stored);
    GroupLegLookup lineage =
        (date, currency, group) ->
            date.equals(DAY) && currency.equals("PLN") && group.equals("NBP-B")
                ? List.of(
                    new GroupLegLookup.Leg(new BigDecimal("4.30"), "nbp", UUID.randomUUID()), leg)
                : List.of();

    VoiceCheck check = new VoiceVerifier(lineage).check(DAY, voice, record(bronze));

    assertThat(check.verified()).as(check.checks().toString()).isTrue();
    assertThat(check.arithmetic())
        .startsWith(
            "EUR→AED = EUR→PLN × 1 / (PLN per AED) = 4.2866 × 1 / 0.9753 = "
                + stored.toPlainString())
        .contains("nbp's voice of that day (extraction " + tableA + ")");
    assertThat(value(check)).contains("0.9753 at character");
    assertThat(check.bronze().providerBase()).isEqualTo("PLN");

    VoiceCheck withoutLeg = verifier.check(DAY, voice, record(bronze));
    assertThat(withoutLeg.verified()).isFalse();
    assertThat(value(withoutLeg)).contains("no source of group NBP-B has an EUR/PLN voice");
    VoiceCheck otherLeg =
        new VoiceVerifier(
                (date, currency, group) ->
                    List.of(new GroupLegLookup.Leg(new BigDecimal("4.30"), "nbp", tableA)))
            .check(DAY, voice, record(bronze));
    assertThat(value(otherLeg)).contains("the stored value is not what the body says");
  }

  /**
   * What streams-app's validator publishes for the quote: the value the sink stores as the voice's.
   */
  private static BigDecimal storedByStreamsApp(BronzeExtraction bronze, String quote) {
    var validation =
        new BronzeValidator(Parsers.all(), IndependenceGroups.defaults())
            .validate(bronze, new BronzeCoordinates("fx.bronze.extractions.v1", 2, 41L), AT);
    return new BigDecimal(
        validation.observations().get(0).getRates().stream()
            .filter(o -> o.getQuote().equals(quote))
            .findFirst()
            .orElseThrow()
            .getRate());
  }

  private static String value(VoiceCheck check) {
    return check.checks().stream()
        .filter(c -> c.name().equals("value"))
        .findFirst()
        .orElseThrow()
        .detail();
  }

  private static RateTrail.Voice voice(BronzeExtraction bronze, BigDecimal value) {
    return voice(bronze, "EUR/" + (value.compareTo(BigDecimal.TEN) > 0 ? "JPY" : "USD"), value);
  }

  private static RateTrail.Voice voice(BronzeExtraction bronze, String leg, BigDecimal value) {
    return new RateTrail.Voice(
        leg,
        bronze.getSourceId(),
        bronze.getSourceId().toUpperCase(),
        value,
        true,
        null,
        null,
        UUID.fromString(bronze.getExtractionId().toString()),
        "fx.bronze.extractions.v1",
        2,
        41L);
  }

  private static Optional<ConsumerRecord<String, BronzeExtraction>> record(
      BronzeExtraction bronze) {
    return Optional.of(
        new ConsumerRecord<>("fx.bronze.extractions.v1", 2, 41L, bronze.getSourceId(), bronze));
  }

  private static String body(BronzeExtraction bronze) {
    ByteBuffer copy = bronze.getResponse().getBody().duplicate();
    byte[] bytes = new byte[copy.remaining()];
    copy.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static BronzeExtraction withBody(
      BronzeExtraction bronze, String body, boolean forgeChecksum) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    HttpResponseRecord r = bronze.getResponse();
    HttpResponseRecord changed =
        new HttpResponseRecord(
            r.getStatus(),
            r.getHeaders(),
            ByteBuffer.wrap(bytes),
            r.getContentType(),
            (long) bytes.length,
            forgeChecksum ? Checksums.sha256Hex(bytes) : r.getSha256());
    return BronzeExtraction.newBuilder(bronze).setResponse(changed).build();
  }
}
