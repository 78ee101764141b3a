package io.makerates.api.http;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Decides per client whether a request is within its budget ({@code requests} per {@code period})
 * and, when it is not, how many seconds until it is.
 *
 * <p>A fixed window a client: it opens at the client's first request, holds {@code requests}
 * requests, and is forgotten once {@code period} has passed, so that the next request opens a full
 * one. Not resilience4j's {@code RateLimiter}, although the extractor uses it: that is one limiter
 * of shared permits, so this would need a registry of one limiter a client plus an eviction of its
 * own, and it waits or refuses without telling when a permit comes back. A map of windows is a few
 * lines and tells that directly.
 *
 * <p>Memory is bounded: the windows are kept in the order they opened, so the expired ones are
 * always the eldest and are dropped as each request comes (an idle client costs nothing after its
 * period), and at most {@code maxClients} are tracked. When that many are open at once, the eldest
 * is forgotten early: that client gets a fresh budget a little sooner, which is the price of a
 * bounded map under a flood of distinct addresses. The client is whatever string the caller gives
 * (an address); the caller bounds its length.
 */
public final class ClientBudget {

  /** The default bound on tracked clients: at about 200 bytes each, some 20 MB at most. */
  public static final int DEFAULT_MAX_CLIENTS = 100_000;

  /** One request's verdict: allowed with what is left, or refused until {@code retryAfter}. */
  public record Decision(boolean allowed, int remaining, long retryAfterSeconds) {}

  private static final class Window {
    final long opened;
    int used;

    Window(long opened) {
      this.opened = opened;
    }
  }

  private final int requests;
  private final long periodNanos;
  private final int maxClients;
  private final LongSupplier nanoClock;

  /** In the order the windows opened: the eldest is the first to expire. Guarded by this. */
  private final LinkedHashMap<String, Window> windows = new LinkedHashMap<>();

  /**
   * @param requests requests a client may make in a period, at least 1
   * @param period how long a client's window lasts, at least a second
   * @param maxClients how many clients are tracked at most, at least 1
   * @param nanoClock a monotonic clock in nanoseconds ({@code System::nanoTime})
   */
  public ClientBudget(int requests, Duration period, int maxClients, LongSupplier nanoClock) {
    if (requests < 1 || period.toSeconds() < 1 || maxClients < 1) {
      throw new IllegalArgumentException(
          "a budget needs requests >= 1, a period of a second or more and maxClients >= 1");
    }
    this.requests = requests;
    this.periodNanos = period.toNanos();
    this.maxClients = maxClients;
    this.nanoClock = nanoClock;
  }

  /** A budget on the system's monotonic clock, tracking {@link #DEFAULT_MAX_CLIENTS} at most. */
  public static ClientBudget of(int requests, Duration period) {
    return new ClientBudget(requests, period, DEFAULT_MAX_CLIENTS, System::nanoTime);
  }

  public int requests() {
    return requests;
  }

  /** Counts one request of {@code client} when it is within budget. */
  public synchronized Decision take(String client) {
    long now = nanoClock.getAsLong();
    dropExpired(now);
    Window window = windows.get(client);
    if (window == null) {
      if (windows.size() >= maxClients) {
        Iterator<Window> eldest = windows.values().iterator();
        eldest.next();
        eldest.remove();
      }
      window = new Window(now);
      windows.put(client, window);
    }
    if (window.used < requests) {
      window.used++;
      return new Decision(true, requests - window.used, 0);
    }
    long left = periodNanos - (now - window.opened);
    long seconds = Math.max(1, (left + 999_999_999L) / 1_000_000_000L);
    return new Decision(false, 0, seconds);
  }

  /** How many clients are tracked now (those whose window has not expired, up to the bound). */
  public synchronized int tracked() {
    dropExpired(nanoClock.getAsLong());
    return windows.size();
  }

  private void dropExpired(long now) {
    Iterator<Map.Entry<String, Window>> eldest = windows.entrySet().iterator();
    while (eldest.hasNext() && now - eldest.next().getValue().opened >= periodNanos) {
      eldest.remove();
    }
  }
}
