package io.makerates.api.v2;

import static org.assertj.core.api.Assertions.assertThat;

import io.makerates.api.history.Voice;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rows as JSON and as CSV: Frankfurter's fields first, rounded rates, the additions after. */
class V2RowWritingTest {

  private static final V2Row STORED =
      new V2Row(
          LocalDate.of(2026, 3, 5),
          "EUR",
          "USD",
          new BigDecimal("1.163456789"),
          "CONSENSUS",
          2,
          new BigDecimal("12.50"),
          List.of(),
          3,
          List.of(
              new V2Row.ProviderRate("ecb", new BigDecimal("1.16"), false),
              new V2Row.ProviderRate("nbp", new BigDecimal("1.3"), true)),
          List.of(
              new Voice(
                  "nbp",
                  "NBP",
                  "EUR/USD",
                  new BigDecimal("1.3000"),
                  false,
                  "OUTLIER",
                  "UNCONFIRMED_JUMP",
                  "00000000-0000-0000-0000-000000000002",
                  "fx.bronze",
                  1,
                  42L)));

  private static final V2Row CROSS =
      new V2Row(
          LocalDate.of(2026, 3, 5),
          "USD",
          "JPY",
          new BigDecimal("148.62068965"),
          "DISPUTED",
          1,
          null,
          List.of("PEG_BREAK", "UNCONFIRMED_JUMP"),
          null,
          null,
          null);

  @Test
  void jsonRowsAreFrankfurtersFieldsThenMakeRatesAdditions() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RowWriting.Output json = RowWriting.json(out);
    json.row(STORED);
    json.row(CROSS);
    json.end();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "[{\"date\":\"2026-03-05\",\"base\":\"EUR\",\"quote\":\"USD\",\"rate\":1.1635,"
                + "\"status\":\"CONSENSUS\",\"sources\":2,\"spread_bps\":12.50,\"flags\":[],\"revision\":3,"
                + "\"providers\":[{\"key\":\"ecb\",\"rate\":1.16,\"excluded\":false},"
                + "{\"key\":\"nbp\",\"rate\":1.3,\"excluded\":true}],"
                + "\"lineage\":[{\"source\":\"nbp\",\"group\":\"NBP\",\"leg\":\"EUR/USD\",\"value\":1.3000,"
                + "\"accepted\":false,\"reason\":\"OUTLIER\",\"flag\":\"UNCONFIRMED_JUMP\","
                + "\"extraction_id\":\"00000000-0000-0000-0000-000000000002\","
                + "\"bronze\":{\"topic\":\"fx.bronze\",\"partition\":1,\"offset\":42}}]},"
                + "{\"date\":\"2026-03-05\",\"base\":\"USD\",\"quote\":\"JPY\",\"rate\":148.62,"
                + "\"status\":\"DISPUTED\",\"sources\":1,\"flags\":[\"PEG_BREAK\",\"UNCONFIRMED_JUMP\"]}]");
  }

  @Test
  void csvHasAHeaderAndOneLinePerRowWithEmptyCellsForWhatARowLacks() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RowWriting.Output csv = RowWriting.csv(out, true);
    csv.row(STORED);
    csv.row(CROSS);
    csv.end();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "date,base,quote,rate,status,sources,spread_bps,flags,revision,providers\n"
                + "2026-03-05,EUR,USD,1.1635,CONSENSUS,2,12.50,,3,ecb:1.16|nbp:1.3:excluded\n"
                + "2026-03-05,USD,JPY,148.62,DISPUTED,1,,PEG_BREAK|UNCONFIRMED_JUMP,,\n");
  }
}
