package io.makerates.sources.cbk;

import com.google.auto.service.AutoService;
import io.makerates.sources.BaseUrl;
import io.makerates.sources.JsonAnswers;
import io.makerates.sources.KeylessRateSource;
import io.makerates.sources.ProviderError;
import io.makerates.sources.SampleAnswers;
import io.makerates.sources.SourceRequest;
import io.makerates.sources.SourceType;
import io.makerates.sources.SourceTypeProvider;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Central Bank of Kenya, the server side of a wpDataTables table on its WordPress site: a form POST
 * to {@code /wp-admin/admin-ajax.php?action=get_wdtable&table_id=193} with the body {@code
 * draw=1&start=0&length=-1}, which asks for every row of the table: all days since January 2024
 * (about 460 KB, growing by 21 rows a day) in each answer, whatever day is wanted (table 32 holds
 * 2003–2024 and is not asked). The request carries a body, which {@link SourceRequest} cannot hold:
 * its params name the form fields and {@link #body(SourceRequest)} writes the form from them, for
 * the fetcher to send. Keyless, no nonce, behind the Sucuri proxy; KES per unit, by label.
 */
public final class CentralBankOfKenyaSource extends KeylessRateSource {

  public static final String TYPE = "cbk";
  public static final String DEFAULT_BASE_URL = "https://www.centralbank.go.ke/wp-admin";
  public static final String BASE = "KES";

  /** The indicative rates are posted late morning, Nairobi time. */
  public static final SourceType SOURCE_TYPE =
      SourceType.open(
          TYPE,
          "CBK",
          new CentralBankOfKenyaParser(),
          config -> new CentralBankOfKenyaSource(config.baseUrl()),
          DEFAULT_BASE_URL,
          BASE,
          true,
          Optional.of(SourceType.Publication.at("11:00", "Africa/Nairobi", "13:30")));

  private static final Map<String, String> HEADERS =
      Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json");
  private static final List<String> FORM = List.of("draw", "start", "length");
  private static final Pattern DATE = Pattern.compile("\"(\\d{2})\\\\?/(\\d{2})\\\\?/(\\d{4})\"");

  public CentralBankOfKenyaSource(URI baseUrl) {
    super(TYPE, baseUrl);
  }

  @Override
  public SourceRequest latest() {
    return request(null, null);
  }

  @Override
  public SourceRequest day(LocalDate date) {
    return request(date, date);
  }

  @Override
  public SourceRequest range(LocalDate from, LocalDate to) {
    requireOrdered(from, to);
    return request(from, to);
  }

  /** Every answer holds the whole table: any range is one request. */
  @Override
  public int longestRangeDays() {
    return 3660;
  }

  @Override
  public boolean repeatsItsLatestAnswer() {
    return true;
  }

  /** The form body of a request this adapter built ({@code draw=1&start=0&length=-1}). */
  public static String body(SourceRequest request) {
    StringBuilder form = new StringBuilder();
    for (String field : FORM) {
      form.append(form.isEmpty() ? "" : "&").append(field).append('=');
      form.append(request.params().getOrDefault(field, ""));
    }
    return form.toString();
  }

  /**
   * A 2xx answer is a JSON object with a {@code data} array; WordPress answers {@code 0} to an
   * unknown action, and the proxy an HTML page.
   */
  @Override
  public Optional<ProviderError> providerError(int status, byte[] body) {
    if (status < 200 || status >= 300) {
      return Optional.empty();
    }
    Optional<String> problem = JsonAnswers.objectProblem(body);
    if (problem.isPresent()) {
      return problem.map(ProviderError::malformed);
    }
    return JsonAnswers.tree(body).path("data").isArray()
        ? Optional.empty()
        : Optional.of(ProviderError.malformed("a JSON object without a data array"));
  }

  /** The newest row date ({@code "19\/03\/2026"}), found without reading the JSON. */
  @Override
  public Optional<LocalDate> answerDate(byte[] body) {
    if (body == null) {
      return Optional.empty();
    }
    List<String> dates = new ArrayList<>();
    Matcher m = DATE.matcher(new String(body, StandardCharsets.UTF_8));
    while (m.find()) {
      dates.add(m.group(1) + "/" + m.group(2) + "/" + m.group(3));
    }
    return newest(dates, CentralBankOfKenyaParser.DATE);
  }

  private SourceRequest request(LocalDate from, LocalDate to) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("action", "get_wdtable");
    query.put("table_id", "193");
    Map<String, String> params = new LinkedHashMap<>(query);
    params.put("draw", "1");
    params.put("start", "0");
    params.put("length", "-1");
    SourceRequest request =
        new SourceRequest(
            URI.create(baseUrl + "/admin-ajax.php" + BaseUrl.query(query)),
            "POST",
            HEADERS,
            params,
            from,
            to,
            null);
    return request.withBody(body(request));
  }

  /** Registers the type: the build lists it for {@link java.util.ServiceLoader}. */
  @AutoService(SourceTypeProvider.class)
  public static final class Registration implements SourceTypeProvider {

    @Override
    public SourceType sourceType() {
      return SOURCE_TYPE;
    }

    @Override
    public Optional<SampleAnswers> samples() {
      return Optional.of(new CentralBankOfKenyaSamples());
    }
  }
}
