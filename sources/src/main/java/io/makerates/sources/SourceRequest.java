package io.makerates.sources;

import java.net.URI;
import java.time.LocalDate;
import java.util.Map;

/**
 * One HTTP request a source adapter wants made. {@code params} lists the query and path parameters
 * by name (as the bronze record shows them); {@code requestedFrom}/{@code requestedTo} are null for
 * a "latest" request.
 *
 * <p>{@code body} is what a POST sends (a SOAP envelope, a form), null for none; it is written from
 * {@code params}, so the bronze record's parameters say what was asked.
 *
 * <p>A keyed request never holds its key: the adapter writes {@link #API_KEY_SLOT} where the key
 * goes (in the URL path or a header value) and the fetcher fills it in for the wire only, so what
 * is recorded shows the slot.
 */
public record SourceRequest(
    URI url,
    String method,
    Map<String, String> headers,
    Map<String, String> params,
    LocalDate requestedFrom,
    LocalDate requestedTo,
    String sourceVersion,
    String body) {

  /** Where the API key goes; reads as a redaction in the stored URL. */
  public static final String API_KEY_SLOT = "***";

  public SourceRequest {
    headers = Map.copyOf(headers);
    params = Map.copyOf(params);
  }

  /** A request without a body. */
  public SourceRequest(
      URI url,
      String method,
      Map<String, String> headers,
      Map<String, String> params,
      LocalDate requestedFrom,
      LocalDate requestedTo,
      String sourceVersion) {
    this(url, method, headers, params, requestedFrom, requestedTo, sourceVersion, null);
  }

  /** The same request sending {@code body}. */
  public SourceRequest withBody(String body) {
    return new SourceRequest(
        url, method, headers, params, requestedFrom, requestedTo, sourceVersion, body);
  }
}
