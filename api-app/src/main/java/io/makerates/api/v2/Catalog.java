package io.makerates.api.v2;

import com.fasterxml.jackson.core.JsonGenerator;
import io.makerates.api.history.SourceCoverage;
import io.makerates.api.http.JsonWriting;
import io.makerates.api.rates.DayRates;
import io.makerates.runtime.currency.CurrencyTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@code /v2/currencies} and {@code /v2/providers}, and the source ids {@code providers=} may name:
 * all from one aggregate over the lineage ({@link SourceCoverage}), which costs a scan of every
 * voice, so its answers are kept for a minute rather than read per request. A source appears once
 * it has a voice; a currency once a source quoted it, EUR (the pivot) with every source.
 */
public final class Catalog {

  static final Duration KEPT = Duration.ofMinutes(1);

  /** What one read of the coverage answers. */
  private record Snapshot(
      Instant readAt, byte[] currencies, byte[] providers, Map<String, String> sourceIds) {}

  /** One currency or one source as the lists show it, built up row by row. */
  private static final class Span {
    LocalDate first;
    LocalDate last;
    final TreeSet<String> others = new TreeSet<>(); // a currency's sources, a source's currencies

    void add(LocalDate firstDay, LocalDate lastDay, String other) {
      first = first == null || firstDay.isBefore(first) ? firstDay : first;
      last = last == null || lastDay.isAfter(last) ? lastDay : last;
      others.add(other);
    }
  }

  /** Reads the coverage: {@link SourceCoverage#read()}. */
  @FunctionalInterface
  public interface Coverage {
    List<SourceCoverage.Row> read() throws SQLException;
  }

  private final Coverage coverage;
  private final CurrencyTable currencies;
  private final Clock clock;
  private Snapshot snapshot;

  public Catalog(Coverage coverage, CurrencyTable currencies, Clock clock) {
    this.coverage = coverage;
    this.currencies = currencies;
    this.clock = clock;
  }

  /** The JSON array of {@code /v2/currencies}. */
  public byte[] currencies() throws SQLException {
    return current().currencies();
  }

  /** The JSON array of {@code /v2/providers}. */
  public byte[] providers() throws SQLException {
    return current().providers();
  }

  /** Every source id, by its lower case (as {@code providers=} names them). */
  public Map<String, String> sourceIds() throws SQLException {
    return current().sourceIds();
  }

  private synchronized Snapshot current() throws SQLException {
    Instant now = clock.instant();
    if (snapshot == null || !now.isBefore(snapshot.readAt().plus(KEPT))) {
      snapshot = read(now);
    }
    return snapshot;
  }

  private Snapshot read(Instant now) throws SQLException {
    Map<String, String> ids = new TreeMap<>();
    Map<String, SourceCoverage.Row> sources = new TreeMap<>();
    Map<String, Span> bySource = new TreeMap<>();
    Map<String, Span> byCurrency = new TreeMap<>();
    for (SourceCoverage.Row row : coverage.read()) {
      ids.put(row.source().toLowerCase(Locale.ROOT), row.source());
      if (row.quote() == null) {
        continue; // no voice yet: a valid providers= id, in neither list
      }
      sources.putIfAbsent(row.source(), row);
      bySource
          .computeIfAbsent(row.source(), s -> new Span())
          .add(row.firstDay(), row.lastDay(), row.quote());
      byCurrency
          .computeIfAbsent(row.quote(), q -> new Span())
          .add(row.firstDay(), row.lastDay(), row.source());
      byCurrency
          .computeIfAbsent(DayRates.PIVOT, q -> new Span())
          .add(row.firstDay(), row.lastDay(), row.source());
    }
    byte[] currencyList =
        array(
            json -> {
              for (Map.Entry<String, Span> c : byCurrency.entrySet()) {
                json.writeStartObject();
                json.writeStringField("iso_code", c.getKey());
                json.writeStringField(
                    "name",
                    currencies
                        .find(c.getKey())
                        .map(CurrencyTable.Currency::name)
                        .orElse(c.getKey()));
                span(json, c.getValue(), "providers");
                json.writeEndObject();
              }
            });
    byte[] providerList =
        array(
            json -> {
              for (Map.Entry<String, Span> s : bySource.entrySet()) {
                SourceCoverage.Row source = sources.get(s.getKey());
                json.writeStartObject();
                json.writeStringField("key", source.source());
                if (!source.name().equals(source.source())) {
                  json.writeStringField(
                      "name", source.name()); // added on the fly: no name but its id
                }
                json.writeStringField("group", source.group());
                json.writeStringField("base", source.base());
                span(json, s.getValue(), "currencies");
                json.writeEndObject();
              }
            });
    return new Snapshot(now, currencyList, providerList, Map.copyOf(ids));
  }

  private static void span(JsonGenerator json, Span span, String listName) throws IOException {
    json.writeStringField("start_date", span.first.toString());
    json.writeStringField("end_date", span.last.toString());
    json.writeArrayFieldStart(listName);
    for (String other : span.others) {
      json.writeString(other);
    }
    json.writeEndArray();
  }

  private static byte[] array(JsonWriting.Fields items) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
    try (JsonGenerator json = JsonWriting.generator(out)) {
      json.writeStartArray();
      items.write(json);
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array does not fail
    }
    return out.toByteArray();
  }
}
