package org.commandcenter.notifier.core.chatops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most N requests per user in any window of the given length; answers how long to wait otherwise. */
final class RateLimiter {
  private final int limit;
  private final Duration period;
  private final Clock clock;
  private final Map<String, Deque<Instant>> recent = new ConcurrentHashMap<>();

  RateLimiter(int limit, Duration period, Clock clock) {
    this.limit = limit;
    this.period = period;
    this.clock = clock;
  }

  /** Zero when allowed (and counted), else how long until the next request is. */
  Duration acquire(String user) {
    Instant now = clock.instant();
    Deque<Instant> times = recent.computeIfAbsent(user, u -> new ArrayDeque<>());
    synchronized (times) {
      Instant windowStart = now.minus(period);
      while (!times.isEmpty() && !times.peekFirst().isAfter(windowStart)) {
        times.removeFirst();
      }
      if (times.size() >= limit) {
        return Duration.between(windowStart, times.peekFirst());
      }
      times.addLast(now);
      return Duration.ZERO;
    }
  }
}
