package io.makerates.extractor.source;

import java.net.URI;
import java.time.LocalDate;
import java.util.Map;

/**
 * One HTTP request a source adapter wants made. {@code params} lists the query and path parameters by name (as the
 * bronze record shows them); {@code requestedFrom}/{@code requestedTo} are null for a "latest" request.
 */
public record SourceRequest(URI url, String method, Map<String, String> headers, Map<String, String> params,
    LocalDate requestedFrom, LocalDate requestedTo, String sourceVersion) {

  public SourceRequest {
    headers = Map.copyOf(headers);
    params = Map.copyOf(params);
  }
}
