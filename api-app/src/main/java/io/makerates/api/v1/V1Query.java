package io.makerates.api.v1;

import io.makerates.api.http.QueryParams;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query of a v1 request, read as Frankfurter reads it: {@code base} (or {@code from}), {@code
 * symbols} (or {@code to}, comma-separated) and {@code amount}; codes in any case. A parameter it
 * does not know, a code that is no currency code or an amount that is no positive number is refused
 * with the reason, a 422.
 */
public record V1Query(String base, Set<String> symbols, BigDecimal amount) {

  private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

  /** The parameters v1 knows; any other is refused. */
  public static final Set<String> PARAMETERS = Set.of("base", "from", "symbols", "to", "amount");

  private static final BigDecimal MOST = new BigDecimal("1E15");

  /** A query that cannot be answered, and why. */
  public static final class Refused extends Exception {
    public Refused(String message) {
      super(message);
    }
  }

  public static V1Query parse(String rawQuery) throws Refused {
    Map<String, String> params = params(rawQuery);
    for (String name : params.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw new Refused("unknown parameter '" + name + "'");
      }
    }
    String base = upper(first(params, "base", "from"));
    if (base == null || base.isEmpty()) {
      base = "EUR";
    } else if (!CODE.matcher(base).matches()) {
      throw new Refused("invalid base");
    }
    Set<String> symbols = new LinkedHashSet<>();
    String list = upper(first(params, "symbols", "to"));
    if (list != null && !list.isBlank()) {
      for (String s : list.split(",", -1)) {
        String code = s.strip();
        if (!CODE.matcher(code).matches()) {
          throw new Refused("invalid symbols");
        }
        symbols.add(code);
      }
    }
    BigDecimal amount = BigDecimal.ONE;
    String rawAmount = params.get("amount");
    if (rawAmount != null) {
      try {
        amount = new BigDecimal(rawAmount.strip());
      } catch (NumberFormatException e) {
        throw new Refused("invalid amount");
      }
      if (amount.signum() <= 0 || amount.compareTo(MOST) > 0) {
        throw new Refused("invalid amount");
      }
    }
    return new V1Query(base, Set.copyOf(symbols), amount);
  }

  private static String first(Map<String, String> params, String name, String alias) {
    return params.containsKey(name) ? params.get(name) : params.get(alias);
  }

  private static String upper(String value) {
    return value == null ? null : value.strip().toUpperCase(Locale.ROOT);
  }

  private static Map<String, String> params(String rawQuery) throws Refused {
    try {
      return QueryParams.parse(rawQuery);
    } catch (IllegalArgumentException e) {
      throw new Refused("malformed query");
    }
  }
}
