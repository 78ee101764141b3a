package io.makerates.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.sources.OfflineRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfflineSourceStubTest {

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesEachTypeBelowItsOwnPathTheSameAnswerEveryTime() throws Exception {
    Clock sunday = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    try (OfflineSourceStub stub = new OfflineSourceStub(sunday)) {
      HttpResponse<byte[]> latest = get(stub.baseUrl("ecb") + "/eurofxref-daily.xml");
      assertThat(latest.statusCode()).isEqualTo(200);
      assertThat(latest.headers().firstValue("Content-Type")).contains("text/xml");
      // a Sunday: the newest publication is Friday's
      assertThat(new String(latest.body())).contains("time='2026-11-20'", "currency='USD'");
      assertThat(latest.body())
          .isEqualTo(
              stub.answer("ecb", new OfflineRequest("/eurofxref-daily.xml", Map.of(), null)).body())
          .isEqualTo(get(stub.baseUrl("ecb") + "/eurofxref-daily.xml").body());

      assertThat(get(stub.baseUrl("ecb") + "/nothing-here.xml").statusCode()).isEqualTo(404);
      assertThat(get(stub.rootUrl() + "/no-such-type/latest").statusCode()).isEqualTo(404);
      assertThat(stub.served()).isEqualTo(2);
    }
  }

  private HttpResponse<byte[]> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }
}
