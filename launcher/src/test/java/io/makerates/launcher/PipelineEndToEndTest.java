package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.makerates.runtime.Checksums;
import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.Topics;
import io.makerates.schema.BronzeExtraction;
import io.makerates.schema.ConsensusRate;
import io.makerates.schema.GoldRate;
import io.makerates.sources.OfflineRequest;
import io.makerates.stack.EmbeddedStack;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A Frankfurter answer served on loopback travels the whole pipeline through the real broker,
 * registry and PostgreSQL: bronze (with the body's checksum), silver rate, fact_rate row, gold
 * record, all with the same value.
 */
@Tag("integration")
class PipelineEndToEndTest {

  private static EmbeddedStack stack;
  private static OfflineSourceStub source;
  private static LocalPipeline pipeline;

  @BeforeAll
  static void start() {
    stack = EmbeddedStack.builder().all().start();
    source = new OfflineSourceStub(Clock.systemUTC());
    pipeline =
        LocalPipeline.start(
            stack,
            Map.of(
                "MAKERATES_SOURCES",
                "ecb",
                "MAKERATES_SOURCE_ECB_BASE_URL",
                source.baseUrl("ecb"),
                "MAKERATES_SOURCE_ECB_DAILY_AT",
                "none"));
  }

  @AfterAll
  static void stop() {
    if (pipeline != null) {
      pipeline.close();
    }
    if (source != null) {
      source.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void aServedAnswerBecomesBronzeSilverFactAndGoldWithTheSameValue() throws Exception {
    Topics topics = new Topics(new AvroSerdes(stack.registryUrl()));
    LocalDate day = source.market("ecb").latest();
    byte[] served =
        source.answer("ecb", new OfflineRequest("/eurofxref-daily.xml", Map.of(), null)).body();
    String usd = ecbRate(served, "USD");

    await().atMost(Duration.ofSeconds(60)).until(pipeline::ready);

    BronzeExtraction bronze =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    TestTopics.readAll(stack, topics.bronze).stream()
                        .map(ConsumerRecord::value)
                        .filter(b -> b.getResponse() != null && b.getResponse().getStatus() == 200)
                        .findFirst()
                        .orElse(null),
                b -> b != null);
    byte[] body = bytes(bronze.getResponse().getBody());
    assertThat(body).isEqualTo(served);
    assertThat(bronze.getResponse().getSha256()).isEqualTo(Checksums.sha256Hex(served));
    assertThat(bronze.getSourceId()).isEqualTo("ecb");

    String silverKey = day + "/EUR/USD";
    ConsensusRate silver =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    TestTopics.readAll(stack, topics.rates).stream()
                        .filter(r -> r.key().equals(silverKey))
                        .map(ConsumerRecord::value)
                        .reduce((a, b) -> b)
                        .orElse(null),
                r -> r != null);
    assertThat(new BigDecimal(silver.getRate())).isEqualByComparingTo(usd);
    assertThat(silver.getContributions())
        .singleElement()
        .satisfies(c -> assertThat(c.getExtractionId()).isEqualTo(bronze.getExtractionId()));

    BigDecimal fact =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> factRate(day, "EUR", "USD"), v -> v != null);
    assertThat(fact).isEqualByComparingTo(silver.getRate());

    GoldRate gold =
        await()
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    TestTopics.readAll(stack, topics.gold).stream()
                        .filter(r -> r.key().equals("EUR/USD"))
                        .map(ConsumerRecord::value)
                        .reduce((a, b) -> b)
                        .orElse(null),
                g -> g != null);
    assertThat(new BigDecimal(gold.getRate())).isEqualByComparingTo(fact);
    assertThat(gold.getDate()).isEqualTo(day);
    assertThat(gold.getRevision()).isEqualTo(silver.getRevision());
  }

  /** The rate the ECB's daily file gives {@code currency}. */
  static String ecbRate(byte[] daily, String currency) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("currency='" + currency + "' rate='([0-9.]+)'")
            .matcher(new String(daily, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(m.find()).as(currency + " in the served answer").isTrue();
    return m.group(1);
  }

  private static BigDecimal factRate(LocalDate day, String base, String quote) throws Exception {
    try (Connection conn =
            DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword());
        PreparedStatement ps =
            conn.prepareStatement(
                "SELECT f.rate FROM fact_rate f JOIN dim_date d ON d.date_key = f.date_key WHERE d.date = ? AND f.base = ? AND f.quote = ?")) {
      ps.setObject(1, day);
      ps.setString(2, base);
      ps.setString(3, quote);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getBigDecimal(1) : null;
      }
    }
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] b = new byte[copy.remaining()];
    copy.get(b);
    return b;
  }
}
