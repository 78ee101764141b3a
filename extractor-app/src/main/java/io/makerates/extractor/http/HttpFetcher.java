package io.makerates.extractor.http;

import io.makerates.sources.SourceRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Makes one HTTP attempt and reports what happened, failures included, as an {@link Exchange}. TLS
 * 1.2 or 1.3 only, with certificate and host name checks; redirects are never followed (a 3xx is
 * recorded as it came); a gzip body is decompressed so that bronze stores the bytes the provider
 * meant. Retries are the caller's business.
 */
public final class HttpFetcher implements AutoCloseable {

  static final String[] TLS_PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final HttpSettings settings;
  private final HttpClient client;

  public HttpFetcher(HttpSettings settings) {
    this.settings = settings;
    SSLParameters tls = new SSLParameters();
    tls.setProtocols(TLS_PROTOCOLS);
    tls.setEndpointIdentificationAlgorithm("HTTPS");
    this.client =
        HttpClient.newBuilder()
            .sslContext(defaultTrust())
            .sslParameters(tls)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            // one small request per source every few hours: HTTP/1.1 keeps the exchange plain and
            // predictable
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  public Exchange fetch(SourceRequest request) {
    return fetch(request, null);
  }

  /**
   * Makes the request with {@code apiKey} put into its {@link SourceRequest#API_KEY_SLOT}s. The
   * headers reported as sent keep the slot, so the key never leaves this method except on the wire.
   */
  public Exchange fetch(SourceRequest request, String apiKey) {
    URI url =
        apiKey == null
            ? request.url()
            : URI.create(
                request
                    .url()
                    .toString()
                    .replace(
                        SourceRequest.API_KEY_SLOT,
                        URLEncoder.encode(apiKey, StandardCharsets.UTF_8)));
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(url)
            .method(
                request.method(),
                request.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8))
            .timeout(settings.requestTimeout())
            .header("User-Agent", settings.userAgent())
            .header("Accept-Encoding", "gzip");
    request
        .headers()
        .forEach(
            (name, value) ->
                builder.header(
                    name,
                    apiKey == null ? value : value.replace(SourceRequest.API_KEY_SLOT, apiKey)));
    HttpRequest httpRequest = builder.build();
    Map<String, String> sentHeaders = new LinkedHashMap<>(joined(httpRequest.headers().map()));
    request.headers().forEach(sentHeaders::put); // as the adapter wrote them: slots, not keys

    Instant sentAt = Instant.now();
    long started = System.nanoTime();
    try {
      HttpResponse<byte[]> response = sendWithinTimeout(httpRequest);
      long duration = millisSince(started);
      Map<String, List<String>> headers = withoutPseudoHeaders(response.headers().map());
      String encoding =
          response
              .headers()
              .firstValue("Content-Encoding")
              .orElse("identity")
              .trim()
              .toLowerCase(Locale.ROOT);
      byte[] raw = response.body() == null ? new byte[0] : response.body();
      ReceivedResponse received;
      switch (encoding) {
        case "identity", "" -> received = new ReceivedResponse(response.statusCode(), headers, raw);
        case "gzip", "x-gzip" -> {
          try {
            received = new ReceivedResponse(response.statusCode(), headers, gunzip(raw));
          } catch (IOException e) {
            return new Exchange(
                sentAt,
                duration,
                sentHeaders,
                new ReceivedResponse(response.statusCode(), headers, raw),
                ErrorCode.CONTENT_DECODING,
                "gzip body could not be decompressed: " + e.getMessage());
          }
        }
        default -> {
          return new Exchange(
              sentAt,
              duration,
              sentHeaders,
              new ReceivedResponse(response.statusCode(), headers, raw),
              ErrorCode.CONTENT_DECODING,
              "unrequested Content-Encoding " + encoding + "; raw bytes stored");
        }
      }
      return new Exchange(sentAt, duration, sentHeaders, received, null, null);
    } catch (InterruptedException e) {
      // the app is stopping: this is no verdict on the source, so it is not recorded as one
      Thread.currentThread().interrupt();
      throw new CancellationException("stopped while waiting for " + request.url().getHost());
    } catch (TimeoutException e) {
      return failure(
          sentAt,
          started,
          sentHeaders,
          ErrorCode.TIMEOUT,
          "no complete answer within " + settings.requestTimeout().toMillis() + " ms");
    } catch (IOException e) {
      return failure(sentAt, started, sentHeaders, transportCode(e), describe(e));
    } catch (UnresolvedAddressException e) {
      return failure(
          sentAt,
          started,
          sentHeaders,
          ErrorCode.CONNECT_ERROR,
          "host not resolved: " + request.url().getHost());
    }
  }

  @Override
  public void close() {
    client.close();
  }

  /**
   * The JDK's request timeout ends at the response headers; a body that dribbles in would hold the
   * extraction for as long as the server likes. The whole exchange, body included, gets the request
   * timeout here.
   */
  private HttpResponse<byte[]> sendWithinTimeout(HttpRequest request)
      throws IOException, InterruptedException, TimeoutException {
    CompletableFuture<HttpResponse<byte[]>> pending =
        client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
    try {
      return pending.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | InterruptedException e) {
      pending.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IOException(e.getCause());
    }
  }

  static ErrorCode transportCode(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return ErrorCode.CONNECT_ERROR;
    }
    if (e instanceof HttpTimeoutException) {
      return ErrorCode.TIMEOUT;
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return ErrorCode.TLS_ERROR;
      }
      if (t instanceof ConnectException
          || t instanceof UnknownHostException
          || t instanceof UnresolvedAddressException) {
        return ErrorCode.CONNECT_ERROR;
      }
    }
    return ErrorCode.IO_ERROR;
  }

  private static String describe(Throwable e) {
    StringBuilder text = new StringBuilder(e.getClass().getSimpleName());
    if (e.getMessage() != null) {
      text.append(": ").append(e.getMessage());
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e) {
      text.append(" (").append(root.getClass().getSimpleName());
      if (root.getMessage() != null) {
        text.append(": ").append(root.getMessage());
      }
      text.append(')');
    }
    return text.toString();
  }

  private static Exchange failure(
      Instant sentAt,
      long started,
      Map<String, String> sentHeaders,
      ErrorCode code,
      String message) {
    return new Exchange(sentAt, millisSince(started), sentHeaders, null, code, message);
  }

  private static long millisSince(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  private static byte[] gunzip(byte[] compressed) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
      return in.readAllBytes();
    }
  }

  /** HTTP/2 adds ":status"; it is not a header the server sent. */
  private static Map<String, List<String>> withoutPseudoHeaders(Map<String, List<String>> headers) {
    Map<String, List<String>> result = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) -> {
          if (!name.startsWith(":")) {
            result.put(name, values);
          }
        });
    return result;
  }

  /** Repeated headers are joined with ", " as the bronze schema says. */
  public static Map<String, String> joined(Map<String, List<String>> headers) {
    Map<String, String> result = new LinkedHashMap<>();
    headers.forEach((name, values) -> result.put(name, String.join(", ", values)));
    return result;
  }

  private static SSLContext defaultTrust() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, null, null); // the JDK's trust store: certificates are checked
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS support in this JVM", e);
    }
  }
}
