package org.commandcenter.sonar.mattermost;

import java.time.Duration;
import java.util.Objects;
import org.commandcenter.mattermost.RetryPolicy;

/**
 * Timeouts, retries and outbox size of background delivery. The Compute Engine thread never waits on these: it
 * writes the alert to the outbox and returns.
 *
 * @param retryPolicy one attempt of the delivery engine (the client's own quick retries)
 * @param initialRetryDelay the engine's wait after the first failed attempt, doubling up to {@code maxRetryDelay}
 */
record DeliveryTuning(Duration connectTimeout, Duration readTimeout, RetryPolicy retryPolicy, int capacity,
    Duration initialRetryDelay, Duration maxRetryDelay, Duration closeTimeout) {

  /**
   * Each attempt tries 3 times within 20 s; then the engine tries again after 1 s, 2 s, 4 s … and every minute
   * while Mattermost stays away, for as long as it takes. At most 10,000 alerts wait.
   */
  static final DeliveryTuning PRODUCTION = new DeliveryTuning(
      Duration.ofSeconds(1),
      Duration.ofSeconds(5),
      RetryPolicy.builder()
          .maxAttempts(3)
          .initialBackoff(Duration.ofSeconds(1))
          .maxBackoff(Duration.ofSeconds(8))
          .deadline(Duration.ofSeconds(20))
          .build(),
      10_000,
      Duration.ofSeconds(1),
      Duration.ofMinutes(1),
      Duration.ofSeconds(5));

  DeliveryTuning {
    Objects.requireNonNull(connectTimeout, "connectTimeout == null");
    Objects.requireNonNull(readTimeout, "readTimeout == null");
    Objects.requireNonNull(retryPolicy, "retryPolicy == null");
    Objects.requireNonNull(initialRetryDelay, "initialRetryDelay == null");
    Objects.requireNonNull(maxRetryDelay, "maxRetryDelay == null");
    Objects.requireNonNull(closeTimeout, "closeTimeout == null");
  }
}
