package io.makerates.sources.ecb;

import static io.makerates.sources.ParserAssertions.assertRefused;
import static io.makerates.sources.ParserAssertions.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.makerates.schema.ReasonCode;
import io.makerates.sources.ProviderDay;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EcbParserTest {

  private static final String ENVELOPE_START =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" \
      xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
      \t<gesmes:subject>Reference rates</gesmes:subject>
      \t<gesmes:Sender>
      \t\t<gesmes:name>European Central Bank</gesmes:name>
      \t</gesmes:Sender>
      """;

  // The daily file's layout: single quotes, tabs, trailing zeros kept.
  private static final String DAILY =
      ENVELOPE_START
          + """
      \t<Cube>
      \t\t<Cube time='2026-09-25'>
      \t\t\t<Cube currency='USD' rate='1.0800'/>
      \t\t\t<Cube currency='JPY' rate='172.40'/>
      \t\t\t<Cube currency='GBP' rate='0.87210'/>
      \t\t\t<Cube currency='IDR' rate='19012.50'/>
      \t\t</Cube>
      \t</Cube>
      </gesmes:Envelope>
      """;

  // The 90-day and full history layout: one line, double quotes, newest first, trailing zeros
  // stripped.
  private static final String HISTORY =
      ENVELOPE_START.strip()
          + "<Cube><Cube time=\"2026-09-25\"><Cube currency=\"USD\" rate=\"1.08\"/><Cube currency=\"CHF\" rate=\"0.935\"/></Cube>"
          + "<Cube time=\"2026-09-24\"><Cube currency=\"USD\" rate=\"1.0795\"/><Cube currency=\"CHF\" rate=\"0.9361\"/></Cube>"
          + "<Cube time=\"2026-09-23\"><Cube currency=\"USD\" rate=\"1.0812\"/></Cube></Cube></gesmes:Envelope>";

  private final EcbParser parser = new EcbParser();

  @Test
  void dailyFileIsOneEurDayWithTheExactAttributeText() throws Exception {
    List<ProviderDay> days = parser.parse(utf8(DAILY));

    assertThat(days)
        .singleElement()
        .satisfies(
            day -> {
              assertThat(day.date()).isEqualTo(LocalDate.parse("2026-09-25"));
              assertThat(day.base()).isEqualTo("EUR");
              assertThat(day.rawRates())
                  .containsExactly(
                      entry("USD", "1.0800"),
                      entry("JPY", "172.40"),
                      entry("GBP", "0.87210"),
                      entry("IDR", "19012.50"));
            });
  }

  @Test
  void historyFilesGiveOneDayPerDatedCubeInTheFilesOrder() throws Exception {
    List<ProviderDay> days = parser.parse(utf8(HISTORY));

    assertThat(days)
        .extracting(ProviderDay::date)
        .containsExactly(
            LocalDate.parse("2026-09-25"),
            LocalDate.parse("2026-09-24"),
            LocalDate.parse("2026-09-23"));
    assertThat(days).extracting(ProviderDay::base).containsOnly("EUR");
    assertThat(days.get(0).rawRates()).containsExactly(entry("USD", "1.08"), entry("CHF", "0.935"));
    assertThat(days.get(1).rawRates())
        .containsExactly(entry("USD", "1.0795"), entry("CHF", "0.9361"));
    assertThat(days.get(2).rawRates()).containsExactly(entry("USD", "1.0812"));
  }

  @Test
  void unknownElementsAttributesCommentsAndNamespacesAreIgnored() throws Exception {
    String body =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- a comment -->
        <e:Envelope xmlns:e="urn:envelope" xmlns="urn:other-namespace" extra="x">
          <e:note>ignored <b>text</b></e:note>
          <Cube source="ecb">
            <Cube time="2026-09-25" published="16:00">
              <Cube currency="USD" rate="1.0800" flag="final"/>
              <Remark>not a rate</Remark>
            </Cube>
          </Cube>
        </e:Envelope>
        """;

    assertThat(parser.parse(utf8(body)))
        .singleElement()
        .satisfies(day -> assertThat(day.rawRates()).containsExactly(entry("USD", "1.0800")));
  }

  @Test
  void aRateCubeWithoutRateOrCurrencyIsKeptForValidationToReport() throws Exception {
    String body =
        "<Cube><Cube time='2026-09-25'><Cube currency='USD'/><Cube currency='GBP' rate=''/>"
            + "<Cube rate='1.5'/><Cube currency='CHF' rate='0.9350'/></Cube></Cube>";

    Map<String, String> rates = parser.parse(utf8(body)).getFirst().rawRates();

    assertThat(rates)
        .containsExactly(
            entry("USD", null), entry("GBP", ""), entry("", "1.5"), entry("CHF", "0.9350"));
  }

  @Test
  void aDatedCubeWithoutRatesIsAnEmptyDay() throws Exception {
    assertThat(parser.parse(utf8("<Cube><Cube time='2026-09-25'></Cube></Cube>")))
        .singleElement()
        .satisfies(day -> assertThat(day.rawRates()).isEmpty());
  }

  @Test
  void bodiesThatAreNotXmlAreUnparseable() {
    assertRefused(parser, "", ReasonCode.UNPARSEABLE).hasMessageContaining("empty");
    assertRefused(parser, "{\"rates\":{}}", ReasonCode.UNPARSEABLE).hasMessageContaining("XML");
    assertRefused(parser, DAILY.substring(0, DAILY.length() / 2), ReasonCode.UNPARSEABLE);
  }

  @Test
  void wellFormedXmlWithoutADatedCubeIsAnUnknownFormat() {
    assertRefused(
            parser,
            "<html><body><h1>503 Service Unavailable</h1></body></html>",
            ReasonCode.UNKNOWN_FORMAT)
        .hasMessageContaining("dated <Cube");
    assertRefused(
        parser, ENVELOPE_START + "<Cube></Cube></gesmes:Envelope>", ReasonCode.UNKNOWN_FORMAT);
  }

  @Test
  void ratesOutsideADatedCubeOrNestedDaysAreAnUnknownFormat() {
    assertRefused(
            parser, "<Cube><Cube currency='USD' rate='1.08'/></Cube>", ReasonCode.UNKNOWN_FORMAT)
        .hasMessageContaining("outside a dated Cube");
    assertRefused(
        parser,
        "<Cube><Cube time='2026-09-25'><Cube time='2026-09-24'/></Cube></Cube>",
        ReasonCode.UNKNOWN_FORMAT);
  }

  @Test
  void aDayOrACurrencyGivenTwiceWithDifferentValuesIsRefused() throws Exception {
    assertRefused(
            parser,
            "<Cube><Cube time='2026-09-25'/><Cube time='2026-09-25'/></Cube>",
            ReasonCode.UNKNOWN_FORMAT)
        .hasMessageContaining("2026-09-25 twice");
    assertRefused(
            parser,
            "<Cube><Cube time='2026-09-25'><Cube currency='USD' rate='1.08'/>"
                + "<Cube currency='USD' rate='1.09'/></Cube></Cube>",
            ReasonCode.UNKNOWN_FORMAT)
        .hasMessageContaining("USD given twice on 2026-09-25");
    // the same value twice, even written differently, says nothing contradictory: the first text
    // stays
    assertThat(
            parser
                .parse(
                    utf8(
                        "<Cube><Cube time='2026-09-25'><Cube currency='USD' rate='1.08'/>"
                            + "<Cube currency='USD' rate='1.0800'/></Cube></Cube>"))
                .getFirst()
                .rawRates())
        .containsExactly(entry("USD", "1.08"));
  }

  @Test
  void aTimeThatIsNoDateIsUnparseable() {
    assertRefused(
            parser,
            "<Cube><Cube time='25/09/2026'><Cube currency='USD' rate='1.08'/></Cube></Cube>",
            ReasonCode.UNPARSEABLE)
        .hasMessageContaining("25/09/2026");
  }

  @Test
  void externalEntitiesAreNeverResolved(@TempDir Path dir) throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
    String body =
        "<?xml version='1.0'?><!DOCTYPE Cube [<!ENTITY xxe SYSTEM '"
            + secret.toUri()
            + "'>]>"
            + "<Cube><Cube time='2026-09-25'><Cube currency='USD' rate='&xxe;'/></Cube></Cube>";

    assertRefused(parser, body, ReasonCode.UNPARSEABLE).message().doesNotContain("TOP-SECRET");
  }

  @Test
  void internalEntityExpansionIsRefused() {
    String body =
        "<?xml version='1.0'?><!DOCTYPE Cube [<!ENTITY a 'aaaaaaaaaa'><!ENTITY b '&a;&a;&a;&a;&a;'>]>"
            + "<Cube><Cube time='2026-09-25'><Cube currency='USD' rate='&b;'/></Cube></Cube>";

    assertRefused(parser, body, ReasonCode.UNPARSEABLE);
  }

  @Test
  void theEncodingDeclaredByTheFileIsHonoured() throws Exception {
    byte[] latin1 =
        ("<?xml version='1.0' encoding='ISO-8859-1'?><Cube note='\u00e9t\u00e9'>"
                + "<Cube time='2026-09-25'><Cube currency='USD' rate='1.08'/></Cube></Cube>")
            .getBytes(StandardCharsets.ISO_8859_1);

    assertThat(parser.parse(latin1))
        .singleElement()
        .satisfies(day -> assertThat(day.rawRates()).containsExactly(entry("USD", "1.08")));
  }

  @Property(tries = 50)
  void everyGeneratedHistoryReadsBackDayByDayWithItsExactText(
      @ForAll("histories") Map<LocalDate, Map<String, String>> history) throws Exception {
    StringBuilder xml = new StringBuilder(ENVELOPE_START).append("<Cube>");
    history.forEach(
        (date, rates) -> {
          xml.append("<Cube time=\"").append(date).append("\">");
          rates.forEach(
              (currency, rate) ->
                  xml.append("<Cube currency=\"")
                      .append(currency)
                      .append("\" rate=\"")
                      .append(rate)
                      .append("\"/>"));
          xml.append("</Cube>");
        });
    xml.append("</Cube></gesmes:Envelope>");

    List<ProviderDay> days = parser.parse(utf8(xml.toString()));

    assertThat(days).extracting(ProviderDay::date).containsExactlyElementsOf(history.keySet());
    for (ProviderDay day : days) {
      assertThat(day.rawRates()).containsExactlyEntriesOf(history.get(day.date()));
    }
  }

  @Provide
  Arbitrary<Map<LocalDate, Map<String, String>>> histories() {
    Arbitrary<String> currency = Arbitraries.strings().withCharRange('A', 'Z').ofLength(3);
    Arbitrary<String> rate =
        Arbitraries.bigDecimals()
            .between(BigDecimal.ZERO, new BigDecimal("100000"))
            .ofScale(6)
            .map(BigDecimal::toPlainString);
    Arbitrary<Map<String, String>> rates =
        Arbitraries.maps(currency, rate).ofMaxSize(40).map(TreeMap::new);
    Arbitrary<LocalDate> date =
        Arbitraries.integers().between(0, 20_000).map(n -> LocalDate.of(1999, 1, 4).plusDays(n));
    return Arbitraries.maps(date, rates)
        .ofMinSize(1)
        .ofMaxSize(30)
        .map(m -> new TreeMap<>(m).descendingMap());
  }
}
