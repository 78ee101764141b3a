package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class OfflineSourceStubTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void latestIsTheLastWeekdayAndADateIsServedAsAsked() throws Exception {
    Clock sunday = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    try (OfflineSourceStub stub = new OfflineSourceStub(sunday)) {
      assertThat(stub.latestBusinessDay()).isEqualTo(LocalDate.parse("2026-11-20"));

      HttpResponse<byte[]> latest = get(stub.frankfurterBaseUrl() + "/v1/latest");
      assertThat(latest.statusCode()).isEqualTo(200);
      assertThat(new String(latest.body()))
          .contains("\"date\":\"2026-11-20\"", "\"base\":\"EUR\"", "\"USD\":1.1582");
      assertThat(latest.body()).isEqualTo(stub.bodyFor(LocalDate.parse("2026-11-20")));

      assertThat(new String(get(stub.frankfurterBaseUrl() + "/v1/2026-11-18").body()))
          .contains("\"date\":\"2026-11-18\"");
      assertThat(get(stub.frankfurterBaseUrl() + "/v1/currencies").statusCode()).isEqualTo(404);
      assertThat(stub.served()).isEqualTo(2);
    }
  }

  @Test
  void aRangeHasTheSampleRatesOnEveryWeekday() throws Exception {
    try (OfflineSourceStub stub = new OfflineSourceStub(Clock.systemUTC())) {
      HttpResponse<byte[]> range = get(stub.frankfurterBaseUrl() + "/v1/2025-01-03..2025-01-07");

      assertThat(range.statusCode()).isEqualTo(200);
      String body = new String(range.body());
      assertThat(body)
          .contains(
              "\"start_date\":\"2025-01-03\"",
              "\"end_date\":\"2025-01-07\"",
              "\"2025-01-06\":{",
              "\"USD\":1.1582")
          .doesNotContain("2025-01-04", "2025-01-05", "E-");
    }
  }

  private HttpResponse<byte[]> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
