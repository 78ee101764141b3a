package io.makerates.runtime.kafka;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK HttpClient whose blocking {@link #send} gives up after a deadline. The registry client sets
 * no request timeout, and a lookup that never got its answer once held a stream thread forever (the
 * app looked healthy and did nothing); with this client the lookup fails, the serde's own retries
 * take over, and the thread is never stuck.
 */
final class BoundedHttpClient extends HttpClient {

  private final HttpClient delegate;
  private final Duration deadline;

  BoundedHttpClient(HttpClient delegate, Duration deadline) {
    this.delegate = delegate;
    this.deadline = deadline;
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<T>> pending = delegate.sendAsync(request, handler);
    try {
      return pending.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new HttpTimeoutException(
          "no answer from "
              + request.uri().getHost()
              + ":"
              + request.uri().getPort()
              + " within "
              + deadline.toMillis()
              + " ms for "
              + request.method()
              + " "
              + request.uri().getPath());
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    }
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return delegate
        .sendAsync(request, handler)
        .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    return delegate
        .sendAsync(request, handler, pushPromiseHandler)
        .orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return delegate.cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return delegate.connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return delegate.followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return delegate.proxy();
  }

  @Override
  public SSLContext sslContext() {
    return delegate.sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return delegate.sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return delegate.authenticator();
  }

  @Override
  public Version version() {
    return delegate.version();
  }

  @Override
  public Optional<Executor> executor() {
    return delegate.executor();
  }

  @Override
  public void close() {
    delegate.close();
  }

  @Override
  public void shutdownNow() {
    delegate.shutdownNow();
  }
}
