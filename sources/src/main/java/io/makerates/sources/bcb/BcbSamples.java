package io.makerates.sources.bcb;

import io.makerates.sources.OfflineMarket;
import io.makerates.sources.OfflineReply;
import io.makerates.sources.OfflineRequest;
import io.makerates.sources.SampleAnswers;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The BCB's PTAX function {@code CotacaoMoedaPeriodo} played offline for the dollar: one closing
 * bulletin per business day of the window, BRL per USD, buying 0.0006 below selling, four decimals
 * written with five as the service writes them, stamped between 13:03 and 13:10 Brasília time. A
 * window without a business day answers an empty {@code value}, as the service does; another {@code
 * moeda} too (the samples play the dollar only, the one currency this type asks for).
 */
final class BcbSamples implements SampleAnswers {

  private static final DateTimeFormatter LITERAL = DateTimeFormatter.ofPattern("MM-dd-yyyy");
  private static final BigDecimal SPREAD = new BigDecimal("0.0006");
  private static final String CONTEXT =
      "https://was-p.bcnet.bcb.gov.br/olinda/servico/PTAX/versao/v1/odata"
          + "$metadata#_CotacaoMoedaPeriodo";

  @Override
  public List<String> currencies() {
    return List.of(BancoCentralDoBrasilParser.CURRENCY);
  }

  @Override
  public String home() {
    return BancoCentralDoBrasilSource.BASE;
  }

  /** National holidays of fixed date (Carnival, Good Friday and Corpus Christi move). */
  @Override
  public Set<MonthDay> holidays() {
    return Set.of(
        MonthDay.of(1, 1),
        MonthDay.of(4, 21),
        MonthDay.of(5, 1),
        MonthDay.of(9, 7),
        MonthDay.of(10, 12),
        MonthDay.of(11, 2),
        MonthDay.of(11, 15),
        MonthDay.of(11, 20),
        MonthDay.of(12, 25));
  }

  @Override
  public Optional<OfflineReply> answer(OfflineRequest request, OfflineMarket market) {
    if (!BancoCentralDoBrasilSource.FUNCTION.equals(request.path())) {
      return Optional.empty();
    }
    LocalDate from;
    LocalDate to;
    try {
      from = LocalDate.parse(literal(request.param("@dataInicial")), LITERAL);
      to = LocalDate.parse(literal(request.param("@dataFinalCotacao")), LITERAL);
    } catch (DateTimeParseException notADate) {
      return Optional.of(
          OfflineReply.status(
              400,
              "application/json;charset=UTF-8",
              "{\"error\":{\"code\":\"\",\"message\":\"Invalid date literal\"}}"));
    }
    List<LocalDate> days = market.days(from, to);
    if (days.isEmpty() && to.isAfter(market.today())) {
      days = List.of(market.latest()); // the stub's clock behind the adapter's: its newest day
    }
    boolean dollar = BancoCentralDoBrasilParser.CURRENCY.equals(literal(request.param("@moeda")));
    StringBuilder json =
        new StringBuilder("{\"@odata.context\":\"").append(CONTEXT).append("\",\"value\":[");
    for (LocalDate day : dollar ? days : List.<LocalDate>of()) {
      BigDecimal selling = market.homePer(day, "USD").setScale(4, RoundingMode.HALF_EVEN);
      json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
          .append("{\"paridadeCompra\":1.00000,\"paridadeVenda\":1.00000,\"cotacaoCompra\":")
          .append(selling.subtract(SPREAD).setScale(5).toPlainString())
          .append(",\"cotacaoVenda\":")
          .append(selling.setScale(5).toPlainString())
          .append(",\"dataHoraCotacao\":\"")
          .append(day)
          .append(stamp(day))
          .append("\",\"tipoBoletim\":\"")
          .append(BancoCentralDoBrasilParser.CLOSING)
          .append("\"}");
    }
    return Optional.of(
        OfflineReply.ok(
            "application/json;charset=UTF-8;odata.metadata=minimal", json.append("]}").toString()));
  }

  /** The closing's time of day, 13:03 to 13:10, the same for the same day. */
  private static String stamp(LocalDate day) {
    int seconds = 3 * 60 + Math.floorMod(Long.hashCode(day.toEpochDay() * 7919L), 7 * 60);
    int millis = Math.floorMod(Long.hashCode(day.toEpochDay() * 104729L), 1000);
    return String.format(" 13:%02d:%02d.%03d", seconds / 60, seconds % 60, millis);
  }

  /** An OData literal without its quotes ({@code '03-01-2026'}). */
  private static String literal(String quoted) {
    if (quoted == null) {
      return "";
    }
    return quoted.length() >= 2 && quoted.startsWith("'") && quoted.endsWith("'")
        ? quoted.substring(1, quoted.length() - 1)
        : quoted;
  }
}
