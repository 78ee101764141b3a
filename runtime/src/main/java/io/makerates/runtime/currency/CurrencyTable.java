package io.makerates.runtime.currency;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The currency lifecycle: ISO 4217 active codes and the retired codes public sources still quote, with the day each
 * stopped being valid, its successor and the conversion ratio. One file ({@code iso4217.csv}) feeds both the
 * validation in streams-app and the sink's {@code dim_currency}.
 */
public final class CurrencyTable {

  /** One code. {@code retiredOn}, {@code successor} and {@code ratio} are null for an active code (ratio also when none is fixed). */
  public record Currency(String code, String numeric, Integer minorUnits, String name, LocalDate retiredOn,
      String successor, BigDecimal ratio) {

    /** Whether a rate dated {@code date} may quote this code: not on or after its retirement. */
    public boolean validOn(LocalDate date) {
      return retiredOn == null || date.isBefore(retiredOn);
    }
  }

  private static final CurrencyTable ISO_4217 = load("iso4217.csv");

  private final Map<String, Currency> byCode;

  private CurrencyTable(Map<String, Currency> byCode) {
    this.byCode = Map.copyOf(byCode);
  }

  public static CurrencyTable iso4217() {
    return ISO_4217;
  }

  /** The code, active or retired; empty for anything ISO 4217 never listed (FOK, GGP, CNH...). */
  public Optional<Currency> find(String code) {
    return Optional.ofNullable(byCode.get(code));
  }

  public Collection<Currency> all() {
    return byCode.values();
  }

  static CurrencyTable load(String resource) {
    Map<String, Currency> table = new LinkedHashMap<>();
    try (InputStream in = CurrencyTable.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      boolean header = true;
      while ((line = reader.readLine()) != null) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        if (header) {
          header = false;
          continue;
        }
        List<String> f = fields(line);
        table.put(f.get(0), new Currency(f.get(0), f.get(1), f.get(2).isEmpty() ? null : Integer.valueOf(f.get(2)),
            f.get(3), f.get(4).isEmpty() ? null : LocalDate.parse(f.get(4)), f.get(5).isEmpty() ? null : f.get(5),
            f.get(6).isEmpty() ? null : new BigDecimal(f.get(6))));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new CurrencyTable(table);
  }

  /** Comma-separated, a field in double quotes may hold commas. */
  private static List<String> fields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    while (fields.size() < 7) {
      fields.add("");
    }
    return fields;
  }
}
