package org.commandcenter.mattermost;

import okhttp3.Headers;

/**
 * What Mattermost's rate limiter said about one answer (server/channels/app/ratelimit.go setRateLimitHeaders):
 * {@code X-RateLimit-Limit} (MaxBurst + 1), {@code X-RateLimit-Remaining}, {@code X-RateLimit-Reset} (whole
 * seconds until the bucket is full again, not an epoch) and, on a 429, {@code Retry-After} in seconds.
 *
 * @param retryAfterSeconds -1 when the answer was not limited
 */
record RateLimitStatus(int limit, int remaining, long resetSeconds, long retryAfterSeconds) {

  /** The status the headers carry, or null when Mattermost's rate limiting is off (no headers). */
  static RateLimitStatus from(Headers headers) {
    String remaining = headers.get("X-RateLimit-Remaining");
    String reset = headers.get("X-RateLimit-Reset");
    if (remaining == null || reset == null) {
      return null;
    }
    try {
      int remainingValue = Integer.parseInt(remaining.trim());
      long resetValue = Long.parseLong(reset.trim());
      String limit = headers.get("X-RateLimit-Limit");
      int limitValue = limit == null ? Math.max(remainingValue, 1) : Integer.parseInt(limit.trim());
      String retryAfter = headers.get("Retry-After");
      long retryAfterValue = -1;
      if (retryAfter != null) {
        try {
          retryAfterValue = Long.parseLong(retryAfter.trim());
        } catch (NumberFormatException dateOrGarbage) {
          // Mattermost sends seconds; anything else is not its limiter.
        }
      }
      if (remainingValue < 0 || resetValue < 0 || limitValue < 1) {
        return null;
      }
      return new RateLimitStatus(limitValue, remainingValue, resetValue, retryAfterValue);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * How long to leave between requests from now on to stay clear of the limit, keeping {@code reserve} requests
   * of the burst for others (people and other integrations share the limit of the address): 0 while more than
   * the reserve remains, else the time one request takes to come back (the reset time spread over the missing
   * requests), and whatever the server asked for after a 429.
   */
  long spacingMillis(int reserve) {
    if (retryAfterSeconds >= 0) {
      return Math.max(retryAfterSeconds * 1000, refillMillis());
    }
    if (remaining > reserve) {
      return 0;
    }
    return refillMillis();
  }

  private long refillMillis() {
    int missing = Math.max(1, limit - remaining);
    return Math.max(1, resetSeconds * 1000 / missing);
  }
}
