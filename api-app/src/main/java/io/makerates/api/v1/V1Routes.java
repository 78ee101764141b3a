package io.makerates.api.v1;

import com.fasterxml.jackson.core.JsonGenerator;
import io.makerates.api.gold.LatestRates;
import io.makerates.api.history.EurHistory;
import io.makerates.api.http.ApiServer.Routed;
import io.makerates.api.http.JsonWriting;
import io.makerates.api.http.Reply;
import io.makerates.api.rates.DayRates;
import io.makerates.api.rates.Rounding;
import io.makerates.runtime.currency.CurrencyTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Frankfurter's v1 API: {@code latest} (or {@code current}), {@code {date}}, {@code {start}..{end}}
 * and {@code {start}..}, {@code currencies}, at {@code /v1/...} and, as the original host served
 * it, at the root. The latest day comes from the gold topic, older ones from the star schema.
 */
public final class V1Routes {

  /** The route names its answers are counted under. */
  public static final java.util.List<String> ROUTES =
      java.util.List.of("v1/latest", "v1/{date}", "v1/{range}", "v1/currencies");

  /** The first day of the euro, before which Frankfurter has nothing. */
  static final LocalDate FIRST = LocalDate.of(1999, 1, 4);

  private static final Pattern DAY = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern RANGE =
      Pattern.compile("(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})?");
  private static final String LATEST_CACHE = "public, max-age=300";
  private static final String PAST_CACHE = "public, max-age=86400";

  private final LatestRates latest;
  private final EurHistory history;
  private final CurrencyTable currencies;
  private final Clock clock;

  public V1Routes(LatestRates latest, EurHistory history, CurrencyTable currencies, Clock clock) {
    this.latest = latest;
    this.history = history;
    this.currencies = currencies;
    this.clock = clock;
  }

  /**
   * The answer to {@code path} (without the {@code /v1} prefix, starting with a slash), or empty
   * when the path is not v1's.
   */
  public Optional<Routed> answer(String path, String query) {
    String rest =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (rest.equals("/latest") || rest.equals("/current")) {
      return Optional.of(day("v1/latest", LocalDate.now(clock), query));
    }
    if (rest.equals("/currencies")) {
      return Optional.of(new Routed("v1/currencies", currencies()));
    }
    String segment = rest.startsWith("/") ? rest.substring(1) : rest;
    if (DAY.matcher(segment).matches()) {
      Optional<LocalDate> date = date(segment);
      return Optional.of(
          date.isEmpty()
              ? new Routed("v1/{date}", Reply.message(422, "invalid date"))
              : day("v1/{date}", date.get(), query));
    }
    Matcher range = RANGE.matcher(segment);
    if (range.matches()) {
      Optional<LocalDate> start = date(range.group(1));
      Optional<LocalDate> end =
          range.group(2) == null ? Optional.of(LocalDate.now(clock)) : date(range.group(2));
      if (start.isEmpty() || end.isEmpty()) {
        return Optional.of(new Routed("v1/{range}", Reply.message(422, "invalid date")));
      }
      return Optional.of(new Routed("v1/{range}", range(start.get(), end.get(), query)));
    }
    return Optional.empty();
  }

  private Routed day(String route, LocalDate date, String rawQuery) {
    V1Query query;
    try {
      query = checked(V1Query.parse(rawQuery));
    } catch (V1Query.Refused e) {
      return new Routed(route, Reply.message(422, e.getMessage()));
    }
    if (date.isBefore(FIRST)) {
      return new Routed(route, notFound());
    }
    Optional<DayRates> newest = latest.newest();
    Optional<DayRates> day =
        newest.isPresent() && !date.isBefore(newest.get().date())
            ? newest
            : history.onOrBefore(date, needed(query));
    if (day.isEmpty()) {
      return new Routed(route, notFound());
    }
    SortedMap<String, BigDecimal> rates =
        day.get().against(query.base(), query.symbols(), query.amount());
    if (rates.isEmpty()) {
      return new Routed(route, notFound());
    }
    DayRates found = day.get();
    byte[] body =
        JsonWriting.bytes(
            json -> {
              head(json, query);
              json.writeStringField("date", found.date().toString());
              rates(json, rates);
            });
    // the newest day may still change (a new revision, a late source); a past one rarely does
    boolean mayChange = newest.isEmpty() || !found.date().isBefore(newest.get().date());
    return new Routed(
        route,
        new Reply(200, Reply.JSON, Map.of(), new Reply.Whole(body))
            .with("Cache-Control", mayChange ? LATEST_CACHE : PAST_CACHE));
  }

  private Reply range(LocalDate start, LocalDate end, String rawQuery) {
    V1Query query;
    try {
      query = checked(V1Query.parse(rawQuery));
    } catch (V1Query.Refused e) {
      return Reply.message(422, e.getMessage());
    }
    if (end.isBefore(start)) {
      return Reply.message(422, "the range ends before it starts");
    }
    LocalDate today = LocalDate.now(clock);
    if (start.isAfter(today) || end.isBefore(FIRST)) {
      return notFound();
    }
    Optional<EurHistory.Span> span =
        history.span(
            start.isBefore(FIRST) ? FIRST : start, end.isAfter(today) ? today : end, needed(query));
    if (span.isEmpty()) {
      return notFound();
    }
    LocalDate from = span.get().from();
    LocalDate to = span.get().to();
    Reply.Body body =
        out ->
            JsonWriting.object(
                out,
                json -> {
                  head(json, query);
                  json.writeStringField("start_date", from.toString());
                  json.writeStringField("end_date", to.toString());
                  json.writeObjectFieldStart("rates");
                  history.range(
                      from,
                      to,
                      needed(query),
                      day -> {
                        SortedMap<String, BigDecimal> rates =
                            day.against(query.base(), query.symbols(), query.amount());
                        if (!rates.isEmpty()) {
                          try {
                            json.writeFieldName(day.date().toString());
                            values(json, rates);
                          } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                          }
                        }
                      });
                  json.writeEndObject();
                });
    return new Reply(200, Reply.JSON, Map.of(), body).with("Cache-Control", PAST_CACHE);
  }

  private Reply currencies() {
    Optional<DayRates> newest = latest.newest();
    if (newest.isEmpty()) {
      // gold not read yet (a first start before the sink has published): the star schema's newest
      newest = history.onOrBefore(LocalDate.now(clock), Set.of());
    }
    if (newest.isEmpty()) {
      return notFound();
    }
    java.util.TreeSet<String> codes = new java.util.TreeSet<>(newest.get().eurTo().keySet());
    codes.add(DayRates.PIVOT);
    byte[] body =
        JsonWriting.bytes(
            json -> {
              for (String code : codes) {
                json.writeStringField(
                    code, currencies.find(code).map(CurrencyTable.Currency::name).orElse(code));
              }
            });
    return new Reply(200, Reply.JSON, Map.of(), new Reply.Whole(body))
        .with("Cache-Control", LATEST_CACHE);
  }

  /**
   * The EUR rates an answer needs: its symbols and its base (every one without symbols), so that
   * the database sends no more.
   */
  private static Set<String> needed(V1Query query) {
    if (query.symbols().isEmpty()) {
      return Set.of();
    }
    Set<String> codes = new java.util.TreeSet<>(query.symbols());
    codes.add(query.base());
    codes.remove(DayRates.PIVOT);
    return codes.isEmpty() ? Set.of(query.base()) : codes;
  }

  /** Codes that are no currency at all are refused; a currency without rates is "not found". */
  private V1Query checked(V1Query query) throws V1Query.Refused {
    if (currencies.find(query.base()).isEmpty()) {
      throw new V1Query.Refused("unknown currency '" + query.base() + "'");
    }
    for (String symbol : query.symbols()) {
      if (currencies.find(symbol).isEmpty()) {
        throw new V1Query.Refused("unknown currency '" + symbol + "'");
      }
    }
    if (query.symbols().size() == 1 && query.symbols().contains(query.base())) {
      throw new V1Query.Refused("bad currency pair");
    }
    return query;
  }

  private static void head(JsonGenerator json, V1Query query) throws IOException {
    json.writeNumberField("amount", Rounding.amount(query.amount()));
    json.writeStringField("base", query.base());
  }

  private static void rates(JsonGenerator json, SortedMap<String, BigDecimal> rates)
      throws IOException {
    json.writeFieldName("rates");
    values(json, rates);
  }

  private static void values(JsonGenerator json, SortedMap<String, BigDecimal> rates)
      throws IOException {
    json.writeStartObject();
    for (Map.Entry<String, BigDecimal> rate : rates.entrySet()) {
      json.writeFieldName(rate.getKey());
      json.writeNumber(Rounding.text(rate.getValue()));
    }
    json.writeEndObject();
  }

  private static Optional<LocalDate> date(String text) {
    try {
      return Optional.of(LocalDate.parse(text));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static Reply notFound() {
    return Reply.message(404, "not found").with("Cache-Control", "no-store");
  }
}
