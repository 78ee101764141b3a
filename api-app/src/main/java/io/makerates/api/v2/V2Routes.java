package io.makerates.api.v2;

import io.makerates.api.history.RateRecords;
import io.makerates.api.history.RecordedDay;
import io.makerates.api.http.ApiServer.Routed;
import io.makerates.api.http.JsonWriting;
import io.makerates.api.http.QueryParams;
import io.makerates.api.http.Reply;
import io.makerates.api.rates.DayRates;
import io.makerates.runtime.currency.CurrencyTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Frankfurter's v2 API at {@code /v2}: {@code rates} (JSON, or CSV at {@code rates.csv} or with
 * {@code Accept: text/csv}), {@code currencies}, {@code providers}, with MakeRates' additions on
 * every row and {@code known_at}. Every answer is read from the star schema, the newest day too, as
 * v2's rows carry what only the star schema has (voices, revisions as recorded). One day is one
 * whole body (an ETag); a range is streamed as it is read.
 */
public final class V2Routes {

  /** The route names its answers are counted under. */
  public static final List<String> ROUTES = List.of("v2/rates", "v2/currencies", "v2/providers");

  /** The first day of the euro, before which there is nothing. */
  static final LocalDate FIRST = LocalDate.of(1999, 1, 4);

  private static final String LATEST_CACHE = "public, max-age=300";
  private static final String PAST_CACHE = "public, max-age=86400";

  private final RateRecords records;
  private final Catalog catalog;
  private final CurrencyTable currencies;
  private final Supplier<Optional<LocalDate>> newestDay;
  private final Clock clock;

  /**
   * @param newestDay the newest day with rates (gold's), empty before it is known: an answer that
   *     holds it may still change, and is kept by caches for minutes only
   */
  public V2Routes(
      RateRecords records,
      Catalog catalog,
      CurrencyTable currencies,
      Supplier<Optional<LocalDate>> newestDay,
      Clock clock) {
    this.records = records;
    this.catalog = catalog;
    this.currencies = currencies;
    this.newestDay = newestDay;
    this.clock = clock;
  }

  /**
   * The answer to {@code path} (without the {@code /v2} prefix), or empty when it is none of v2's.
   *
   * @param accept the request's Accept header, null without one
   */
  public Optional<Routed> answer(String path, String query, String accept) throws SQLException {
    String rest =
        path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return switch (rest) {
      case "/rates" -> Optional.of(new Routed("v2/rates", rates(query, wantsCsv(accept))));
      case "/rates.csv" -> Optional.of(new Routed("v2/rates", rates(query, true)));
      case "/currencies" -> Optional.of(new Routed("v2/currencies", listing(query, true)));
      case "/providers" -> Optional.of(new Routed("v2/providers", listing(query, false)));
      default -> Optional.empty();
    };
  }

  /** v2's error shape: {@code {"status":422,"message":"..."}}. */
  public static Reply error(int status, String message) {
    byte[] body =
        JsonWriting.bytes(
            json -> {
              json.writeNumberField("status", status);
              json.writeStringField("message", message);
            });
    return new Reply(status, Reply.JSON, Map.of(), new Reply.Whole(body))
        .with("Cache-Control", "no-store");
  }

  public static Reply notFound() {
    return error(404, "not found");
  }

  private Reply rates(String rawQuery, boolean csv) throws SQLException {
    V2Query query;
    try {
      query = V2Query.parse(rawQuery, code -> currencies.find(code).isPresent());
      checkProviders(query);
      if (csv && query.expandLineage()) {
        throw new V2Query.Refused("expand=lineage is not available as CSV");
      }
    } catch (V2Query.Refused e) {
      return error(422, e.getMessage());
    }
    Reply reply = query.range() ? range(query, csv) : day(query, csv);
    return reply.with("Vary", "Accept");
  }

  private Reply day(V2Query query, boolean csv) throws SQLException {
    LocalDate date = query.date() == null ? LocalDate.now(clock) : query.date();
    if (date.isBefore(FIRST)) {
      return notFound();
    }
    RateRecords.AsOf asOf = new RateRecords.AsOf(query.knownAt());
    Optional<LocalDate> found = records.lastDay(FIRST, date, needed(query), asOf);
    if (found.isEmpty()) {
      return notFound();
    }
    List<RecordedDay> days = new ArrayList<>(1);
    try {
      records.days(found.get(), found.get(), needed(query), asOf, voices(query), days::add);
    } catch (IOException e) {
      throw new IllegalStateException("a list does not fail", e);
    }
    RowMaker maker = new RowMaker(query);
    List<V2Row> rows = days.isEmpty() ? List.of() : maker.rows(days.get(0));
    if (rows.isEmpty()) {
      return notFound();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try {
      RowWriting.Output output = output(out, query, csv);
      for (V2Row row : rows) {
        output.row(row);
      }
      output.end();
    } catch (IOException e) {
      throw new IllegalStateException("a byte array does not fail", e);
    }
    return new Reply(200, type(csv), Map.of(), new Reply.Whole(out.toByteArray()))
        .with("Cache-Control", cache(found.get()));
  }

  private Reply range(V2Query query, boolean csv) throws SQLException {
    LocalDate today = LocalDate.now(clock);
    LocalDate from = query.from().isBefore(FIRST) ? FIRST : query.from();
    LocalDate to = query.to() == null || query.to().isAfter(today) ? today : query.to();
    if (to.isBefore(from)) {
      return notFound();
    }
    RateRecords.AsOf asOf = new RateRecords.AsOf(query.knownAt());
    Optional<LocalDate> last = records.lastDay(from, to, needed(query), asOf);
    if (last.isEmpty()) {
      return notFound();
    }
    RowMaker maker = new RowMaker(query);
    Reply.Body body =
        out -> {
          RowWriting.Output output = output(out, query, csv);
          PeriodAverage periods =
              query.group() == V2Query.Group.NONE ? null : new PeriodAverage(query.group());
          try {
            records.days(
                from,
                last.get(),
                needed(query),
                asOf,
                voices(query),
                day -> {
                  List<V2Row> rows = maker.rows(day);
                  if (periods != null) {
                    periods.day(day.date(), rows, output::row);
                  } else {
                    for (V2Row row : rows) {
                      output.row(row);
                    }
                  }
                });
          } catch (SQLException e) {
            throw new IOException("reading the range failed: " + e.getMessage(), e);
          }
          if (periods != null) {
            periods.finish(output::row);
          }
          output.end();
        };
    return new Reply(200, type(csv), Map.of(), body).with("Cache-Control", cache(last.get()));
  }

  private Reply listing(String rawQuery, boolean ofCurrencies) throws SQLException {
    Map<String, String> params;
    try {
      params = QueryParams.parse(rawQuery);
    } catch (IllegalArgumentException e) {
      return error(422, "malformed query");
    }
    if (!params.isEmpty()) { // Frankfurter's filters of these lists are not served
      return error(422, "unknown parameter: " + String.join(", ", params.keySet()));
    }
    byte[] body = ofCurrencies ? catalog.currencies() : catalog.providers();
    return new Reply(200, Reply.JSON, Map.of(), new Reply.Whole(body))
        .with("Cache-Control", LATEST_CACHE);
  }

  /** Source ids that name no source are refused, all of them in one message. */
  private void checkProviders(V2Query query) throws V2Query.Refused, SQLException {
    if (query.providers().isEmpty()) {
      return;
    }
    Set<String> known = catalog.sourceIds().keySet();
    List<String> unknown = query.providers().stream().filter(p -> !known.contains(p)).toList();
    if (!unknown.isEmpty()) {
      throw new V2Query.Refused("invalid provider: " + String.join(",", unknown));
    }
  }

  /** An answer that holds the newest day may still change (a revision, a late source). */
  private String cache(LocalDate lastDay) {
    Optional<LocalDate> newest = newestDay.get();
    return newest.isEmpty() || !lastDay.isBefore(newest.get()) ? LATEST_CACHE : PAST_CACHE;
  }

  /** The EUR rates a query needs: its quotes and its base, or every one without quotes. */
  private static Set<String> needed(V2Query query) {
    if (query.quotes().isEmpty()) {
      return Set.of();
    }
    Set<String> codes = new TreeSet<>(query.quotes());
    codes.add(query.base());
    codes.remove(DayRates.PIVOT);
    return codes.isEmpty() ? Set.of(query.base()) : codes;
  }

  /** Voices are read where a row shows them or is made from them. */
  private static boolean voices(V2Query query) {
    return query.expandProviders() || query.expandLineage() || !query.providers().isEmpty();
  }

  private static RowWriting.Output output(OutputStream out, V2Query query, boolean csv)
      throws IOException {
    return csv ? RowWriting.csv(out, query.expandProviders()) : RowWriting.json(out);
  }

  private static String type(boolean csv) {
    return csv ? RowWriting.CSV : Reply.JSON;
  }

  private static boolean wantsCsv(String accept) {
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
  }
}
