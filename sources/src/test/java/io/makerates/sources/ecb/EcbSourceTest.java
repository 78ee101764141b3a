package io.makerates.sources.ecb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.makerates.sources.ProviderError;
import io.makerates.sources.SourceRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcbSourceTest {

  static final LocalDate TODAY = LocalDate.of(2026, 3, 20);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T09:30:00Z"), ZoneOffset.UTC);

  /** The daily file's layout: tabs, single-quoted attributes, one dated Cube. Rates made up. */
  static final String DAILY =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
      \t<gesmes:subject>Reference rates</gesmes:subject>
      \t<gesmes:Sender>
      \t\t<gesmes:name>European Central Bank</gesmes:name>
      \t</gesmes:Sender>
      \t<Cube>
      \t\t<Cube time='2026-03-19'>
      \t\t\t<Cube currency='USD' rate='1.0871'/>
      \t\t\t<Cube currency='JPY' rate='162.40'/>
      \t\t\t<Cube currency='GBP' rate='0.83915'/>
      \t\t</Cube>
      \t</Cube>
      </gesmes:Envelope>""";

  /** The history files' layout: one line, double quotes, newest day first. Rates made up. */
  static final String HISTORY =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><gesmes:Envelope"
          + " xmlns:gesmes=\"http://www.gesmes.org/xml/2002-08-01\" xmlns=\"http://www.ecb.int/vocabulary/2002-08-01/eurofxref\">"
          + "<gesmes:subject>Reference rates</gesmes:subject><gesmes:Sender><gesmes:name>European Central Bank</gesmes:name>"
          + "</gesmes:Sender><Cube><Cube time=\"2026-03-19\"><Cube currency=\"USD\" rate=\"1.0871\"/></Cube>"
          + "<Cube time=\"2026-03-18\"><Cube currency=\"USD\" rate=\"1.0902\"/></Cube></Cube></gesmes:Envelope>";

  final EcbSource source =
      new EcbSource(URI.create("https://www.ecb.europa.eu/stats/eurofxref/"), CLOCK);

  @Test
  void latestIsTheDailyFile() {
    SourceRequest latest = source.latest();
    assertThat(latest.url())
        .hasToString("https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml");
    assertThat(latest.method()).isEqualTo("GET");
    assertThat(latest.headers()).containsExactlyEntriesOf(Map.of("Accept", "application/xml"));
    assertThat(latest.params()).isEmpty();
    assertThat(latest.requestedFrom()).isNull();
    assertThat(latest.requestedTo()).isNull();
    assertThat(source.type()).isEqualTo("ecb");
    assertThat(source.usesApiKey()).isFalse();
  }

  @Test
  void aRecentDayComesFromTheNinetyDayFileAndKeepsTheDateAskedFor() {
    LocalDate day = TODAY.minusDays(10);
    SourceRequest request = source.day(day);
    assertThat(request.url())
        .hasToString("https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist-90d.xml");
    assertThat(request.params()).containsExactlyEntriesOf(Map.of("date", day.toString()));
    assertThat(request.requestedFrom()).isEqualTo(day);
    assertThat(request.requestedTo()).isEqualTo(day);
  }

  @Test
  void anOlderDayComesFromTheFullHistory() {
    LocalDate day = LocalDate.of(2014, 6, 10);
    SourceRequest request = source.day(day);
    assertThat(request.url())
        .hasToString("https://www.ecb.europa.eu/stats/eurofxref/eurofxref-hist.xml");
    assertThat(request.requestedFrom()).isEqualTo(day);
    assertThat(request.requestedTo()).isEqualTo(day);
  }

  @Test
  void aRangeIsServedByTheFileHoldingItsFirstDay() {
    LocalDate edge = TODAY.minusDays(EcbSource.RECENT_FILE_SAFE_DAYS);
    SourceRequest recent = source.range(edge, TODAY.minusDays(1));
    assertThat(recent.url().getPath()).endsWith("/eurofxref-hist-90d.xml");
    assertThat(recent.params())
        .containsEntry("from", edge.toString())
        .containsEntry("to", TODAY.minusDays(1).toString());
    assertThat(recent.requestedFrom()).isEqualTo(edge);
    assertThat(recent.requestedTo()).isEqualTo(TODAY.minusDays(1));

    // one day further back the 90-day file may no longer hold it
    SourceRequest older = source.range(edge.minusDays(1), TODAY.minusDays(1));
    assertThat(older.url().getPath()).endsWith("/eurofxref-hist.xml");
    assertThat(older.requestedFrom()).isEqualTo(edge.minusDays(1));

    assertThatThrownBy(() -> source.range(TODAY, TODAY.minusDays(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theChoiceOfFileFollowsTheClock() {
    LocalDate day = LocalDate.of(2025, 5, 9);
    EcbSource then =
        new EcbSource(
            URI.create(EcbSource.DEFAULT_BASE_URL),
            Clock.fixed(Instant.parse("2025-05-12T08:00:00Z"), ZoneOffset.UTC));
    assertThat(then.day(day).url().getPath()).endsWith("/eurofxref-hist-90d.xml");
    assertThat(source.day(day).url().getPath()).endsWith("/eurofxref-hist.xml");
  }

  @Test
  void acceptsCompleteEurofxrefDocuments() {
    assertThat(source.providerError(200, bytes(DAILY))).isEmpty();
    assertThat(source.providerError(200, bytes(HISTORY))).isEmpty();
  }

  @Test
  void callsAnHtmlPageMalformed() {
    String page =
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Maintenance</title></head>"
            + "<body><p>The service is temporarily unavailable.</p></body></html>";
    assertThat(source.providerError(200, bytes(page)))
        .hasValueSatisfying(
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderError.Kind.MALFORMED);
              assertThat(e.message()).contains("HTML");
            });
    // even a well-formed XHTML page has no Cube
    assertThat(source.providerError(200, bytes("<html><body><p>Moved</p></body></html>")))
        .hasValueSatisfying(e -> assertThat(e.message()).contains("HTML"));
  }

  @Test
  void callsACutOffFileMalformed() {
    String cut = DAILY.substring(0, DAILY.indexOf("<Cube currency='JPY'"));
    assertThat(source.providerError(200, bytes(cut)))
        .hasValueSatisfying(
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderError.Kind.MALFORMED);
              assertThat(e.message()).startsWith("not well-formed XML");
            });
  }

  @Test
  void callsXmlWithoutCubesOrNoBodyMalformed() {
    assertThat(
            source.providerError(
                200, bytes("<?xml version=\"1.0\"?><error><code>503</code></error>")))
        .hasValueSatisfying(
            e -> {
              assertThat(e.kind()).isEqualTo(ProviderError.Kind.MALFORMED);
              assertThat(e.message()).contains("without a Cube").contains("<error>");
            });
    assertThat(source.providerError(200, new byte[0]))
        .contains(ProviderError.malformed("empty body"));
    assertThat(source.providerError(200, bytes("{\"rates\":{}}")))
        .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(ProviderError.Kind.MALFORMED));
  }

  @Test
  void leavesErrorStatusesToTheStatusRules() {
    byte[] page = bytes("<html><body>Not Found</body></html>");
    assertThat(source.providerError(404, page)).isEmpty();
    assertThat(source.providerError(503, page)).isEmpty();
  }

  @Test
  void answerDateIsTheFirstDatedCube() {
    assertThat(source.answerDate(bytes(DAILY))).contains(LocalDate.of(2026, 3, 19));
    assertThat(source.answerDate(bytes(HISTORY))).contains(LocalDate.of(2026, 3, 19));
  }

  @Test
  void answerDateNeedsOnlyTheStartOfAFile() {
    String start = HISTORY.substring(0, HISTORY.indexOf("<Cube currency="));
    assertThat(source.answerDate(bytes(start))).contains(LocalDate.of(2026, 3, 19));
  }

  @Test
  void answerDateIsEmptyWithoutADatedCube() {
    assertThat(source.answerDate(bytes("<html><body>Not Found</body></html>"))).isEmpty();
    assertThat(source.answerDate(bytes("<Cube><Cube currency='USD' rate='1.08'/></Cube>")))
        .isEmpty();
    assertThat(source.answerDate(bytes("<Cube><Cube time='yesterday'/></Cube>"))).isEmpty();
    assertThat(source.answerDate(new byte[0])).isEmpty();
  }

  @Test
  void neverResolvesEntitiesAnAnswerDeclares(@TempDir Path dir) throws IOException {
    Path day = Files.writeString(dir.resolve("day.txt"), "2026-03-19");
    for (String declaration :
        List.of("<!ENTITY day SYSTEM \"" + day.toUri() + "\">", "<!ENTITY day \"2026-03-19\">")) {
      String hostile =
          "<?xml version=\"1.0\"?><!DOCTYPE Cube ["
              + declaration
              + "]>"
              + "<Cube><Cube time=\"&day;\"><Cube currency=\"USD\" rate=\"1\"/></Cube></Cube>";
      assertThat(source.answerDate(bytes(hostile))).as(declaration).isEmpty();
      assertThat(source.providerError(200, bytes(hostile)))
          .as(declaration)
          .hasValueSatisfying(e -> assertThat(e.kind()).isEqualTo(ProviderError.Kind.MALFORMED));
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
