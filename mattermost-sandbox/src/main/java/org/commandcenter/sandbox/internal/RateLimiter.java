package org.commandcenter.sandbox.internal;

import java.util.HashMap;
import java.util.Map;
import org.commandcenter.sandbox.RateLimit;

/**
 * server/channels/app/ratelimit.go: a throttled GCRA limiter (limit = burst + 1) keyed by client IP, whose result
 * sets X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset (and Retry-After when limited) on every response.
 */
public final class RateLimiter {
  /** The headers for one request, and whether it was refused. */
  public static final class Result {
    public final boolean limited;
    public final int limit;
    public final int remaining;
    public final long resetAfterNanos;
    public final long retryAfterNanos;

    Result(boolean limited, int limit, int remaining, long resetAfterNanos, long retryAfterNanos) {
      this.limited = limited;
      this.limit = limit;
      this.remaining = remaining;
      this.resetAfterNanos = resetAfterNanos;
      this.retryAfterNanos = retryAfterNanos;
    }

    /** setRateLimitHeaders: seconds rounded up. */
    public void addHeaders(HttpResponse response) {
      response.header("X-RateLimit-Limit", Integer.toString(limit));
      if (remaining >= 0) response.header("X-RateLimit-Remaining", Integer.toString(remaining));
      response.header("X-RateLimit-Reset", Long.toString(ceilSeconds(resetAfterNanos)));
      if (retryAfterNanos >= 0) response.header("Retry-After", Long.toString(ceilSeconds(retryAfterNanos)));
    }

    private static long ceilSeconds(long nanos) {
      return (nanos + 999_999_999L) / 1_000_000_000L;
    }
  }

  private final RateLimit quota;
  private final Map<String, Long> theoreticalArrival = new HashMap<>();

  public RateLimiter(RateLimit quota) {
    this.quota = quota;
  }

  public RateLimit quota() {
    return quota;
  }

  /** throttled's GCRARateLimiter.RateLimit(key, 1). */
  public synchronized Result take(String key, long nowNanos) {
    long emission = 1_000_000_000L / quota.perSec();
    int limit = quota.maxBurst() + 1;
    long tolerance = emission * limit;
    Long stored = theoreticalArrival.get(key);
    long tat = stored == null ? nowNanos : stored;
    long newTat = Math.max(tat, nowNanos) + emission;
    long allowAt = newTat - tolerance;
    long diff = nowNanos - allowAt;
    boolean limited;
    long ttl;
    long retryAfter = -1;
    if (diff < 0) {
      limited = true;
      retryAfter = -diff;
      ttl = tat - nowNanos;
    } else {
      limited = false;
      theoreticalArrival.put(key, newTat);
      ttl = newTat - nowNanos;
    }
    long next = tolerance - ttl;
    int remaining = next > -emission ? (int) (next / emission) : 0;
    return new Result(limited, limit, remaining, Math.max(ttl, 0), retryAfter);
  }
}
