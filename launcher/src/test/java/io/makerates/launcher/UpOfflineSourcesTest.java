package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.makerates.runtime.kafka.AvroSerdes;
import io.makerates.runtime.kafka.Topics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code up --offline} with no configuration runs one source of every type against the stub's
 * answers, and within a minute the consensus has real work done: rates agreed by many voices, a
 * dispute, and a rate only one group publishes.
 */
@Tag("integration")
class UpOfflineSourcesTest {

  @Test
  void everySourceAnswersAndTheRatesShowEveryStatus(@TempDir Path data) throws Exception {
    try (UpCommand.Running up =
        UpCommand.start(
            data.resolve("stack"), false, true, "6h", Map.of(), Optional.empty(), r -> {})) {
      Topics topics = new Topics(new AvroSerdes(up.stack().registryUrl()));
      Set<String> answered =
          await()
              .atMost(Duration.ofSeconds(90))
              .until(
                  () ->
                      TestTopics.readAll(up.stack(), topics.bronze).stream()
                          .filter(
                              r ->
                                  r.value().getResponse() != null
                                      && r.value().getResponse().getStatus() == 200)
                          .map(r -> r.value().getSourceId())
                          .collect(Collectors.toSet()),
                  ids -> ids.size() == OfflineSourceStub.SERVED.size());
      assertThat(answered).containsExactlyInAnyOrderElementsOf(OfflineSourceStub.SERVED);

      Map<String, String> status =
          await()
              .atMost(Duration.ofSeconds(90))
              .until(
                  () -> statuses(up),
                  s ->
                      "CONSENSUS".equals(s.get("USD"))
                          && "DISPUTED".equals(s.get("PHP"))
                          && "SINGLE_SOURCE".equals(s.get("ISK")));
      assertThat(Set.copyOf(status.values())).contains("CONSENSUS", "DISPUTED", "SINGLE_SOURCE");
      // six independent groups quote USD (the ECB's, exchangerate-api and four central banks); one
      // may be off today
      await().atMost(Duration.ofSeconds(60)).until(() -> sources(up, "USD"), n -> n >= 5);
    }
  }

  /** Status of the newest EUR rate of every quote. */
  private static Map<String, String> statuses(UpCommand.Running up) throws Exception {
    Map<String, String> status = new HashMap<>();
    try (Connection db =
            DriverManager.getConnection(
                up.stack().jdbcUrl(), up.stack().dbUser(), up.stack().dbPassword());
        ResultSet rs =
            db.createStatement()
                .executeQuery(
                    "SELECT DISTINCT ON (quote) quote, status FROM v_rates"
                        + " WHERE base = 'EUR' ORDER BY quote, rate_date DESC")) {
      while (rs.next()) {
        status.put(rs.getString(1), rs.getString(2));
      }
    }
    return status;
  }

  private static int sources(UpCommand.Running up, String quote) throws Exception {
    try (Connection db =
            DriverManager.getConnection(
                up.stack().jdbcUrl(), up.stack().dbUser(), up.stack().dbPassword());
        ResultSet rs =
            db.createStatement()
                .executeQuery(
                    "SELECT source_count FROM v_rates WHERE base = 'EUR' AND quote = '"
                        + quote
                        + "' ORDER BY rate_date DESC LIMIT 1")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }
}
