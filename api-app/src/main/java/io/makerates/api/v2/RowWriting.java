package io.makerates.api.v2;

import com.fasterxml.jackson.core.JsonGenerator;
import io.makerates.api.history.Voice;
import io.makerates.api.http.JsonWriting;
import io.makerates.api.rates.Rounding;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes v2 rows as they come: a JSON array of objects, or CSV with a header line. Rates (a row's
 * and a provider's) are rounded as Frankfurter rounds them; a voice's value and a spread are
 * written as stored, being evidence rather than a rate to use.
 */
final class RowWriting {

  /** Rows out, one at a time; {@link #end()} closes the array or flushes the lines. */
  interface Output {
    void row(V2Row row) throws IOException;

    void end() throws IOException;
  }

  static final String CSV = "text/csv; charset=utf-8";

  private static final List<String> CSV_COLUMNS =
      List.of(
          "date", "base", "quote", "rate", "status", "sources", "spread_bps", "flags", "revision");

  private RowWriting() {}

  static Output json(OutputStream out) throws IOException {
    JsonGenerator json = JsonWriting.generator(out);
    json.writeStartArray();
    return new Output() {
      @Override
      public void row(V2Row row) throws IOException {
        writeRow(json, row);
      }

      @Override
      public void end() throws IOException {
        json.writeEndArray();
        json.close();
      }
    };
  }

  /** CSV: Frankfurter's four columns, then MakeRates' and, when expanded, the providers. */
  static Output csv(OutputStream out, boolean providers) throws IOException {
    Writer csv = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
    List<String> header = new ArrayList<>(CSV_COLUMNS);
    if (providers) {
      header.add("providers");
    }
    csv.write(String.join(",", header));
    csv.write("\n");
    return new Output() {
      @Override
      public void row(V2Row row) throws IOException {
        List<String> cells = new ArrayList<>();
        cells.add(row.date().toString());
        cells.add(row.base());
        cells.add(row.quote());
        cells.add(Rounding.text(row.rate()));
        cells.add(row.status());
        cells.add(Integer.toString(row.sources()));
        cells.add(row.spreadBps() == null ? "" : row.spreadBps().toPlainString());
        cells.add(String.join("|", row.flags()));
        cells.add(row.revision() == null ? "" : row.revision().toString());
        if (providers) {
          cells.add(row.providers() == null ? "" : providerCell(row.providers()));
        }
        csv.write(String.join(",", cells.stream().map(RowWriting::cell).toList()));
        csv.write("\n");
      }

      @Override
      public void end() throws IOException {
        csv.flush();
      }
    };
  }

  private static void writeRow(JsonGenerator json, V2Row row) throws IOException {
    json.writeStartObject();
    json.writeStringField("date", row.date().toString());
    json.writeStringField("base", row.base());
    json.writeStringField("quote", row.quote());
    json.writeFieldName("rate");
    json.writeNumber(Rounding.text(row.rate()));
    json.writeStringField("status", row.status());
    json.writeNumberField("sources", row.sources());
    if (row.spreadBps() != null) {
      json.writeNumberField("spread_bps", row.spreadBps());
    }
    json.writeArrayFieldStart("flags");
    for (String flag : row.flags()) {
      json.writeString(flag);
    }
    json.writeEndArray();
    if (row.revision() != null) {
      json.writeNumberField("revision", row.revision());
    }
    if (row.providers() != null) {
      json.writeArrayFieldStart("providers");
      for (V2Row.ProviderRate p : row.providers()) {
        json.writeStartObject();
        json.writeStringField("key", p.key());
        json.writeFieldName("rate");
        json.writeNumber(Rounding.text(p.rate()));
        json.writeBooleanField("excluded", p.excluded());
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    if (row.lineage() != null) {
      json.writeArrayFieldStart("lineage");
      for (Voice v : row.lineage()) {
        writeVoice(json, v);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private static void writeVoice(JsonGenerator json, Voice v) throws IOException {
    json.writeStartObject();
    json.writeStringField("source", v.source());
    json.writeStringField("group", v.group());
    json.writeStringField("leg", v.leg());
    json.writeNumberField("value", v.value());
    json.writeBooleanField("accepted", v.accepted());
    json.writeStringField("reason", v.reason());
    json.writeStringField("flag", v.flag());
    json.writeStringField("extraction_id", v.extractionId());
    json.writeObjectFieldStart("bronze");
    json.writeStringField("topic", v.bronzeTopic());
    json.writeNumberField("partition", v.bronzePartition());
    json.writeNumberField("offset", v.bronzeOffset());
    json.writeEndObject();
    json.writeEndObject();
  }

  /** {@code ecb:1.16|boe:1.17:excluded}: each provider's rounded rate, a set-aside one marked. */
  private static String providerCell(List<V2Row.ProviderRate> providers) {
    List<String> parts = new ArrayList<>();
    for (V2Row.ProviderRate p : providers) {
      parts.add(p.key() + ":" + Rounding.text(p.rate()) + (p.excluded() ? ":excluded" : ""));
    }
    return String.join("|", parts);
  }

  /** A cell quoted as RFC 4180 wants where it holds a comma, a quote or a line break. */
  private static String cell(String value) {
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
