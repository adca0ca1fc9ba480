package org.commandcenter.sonar.mattermost;

import java.time.Duration;
import java.util.Objects;
import org.commandcenter.mattermost.RetryPolicy;

/**
 * Timeouts, retries and queue size of background delivery. The Compute Engine thread never waits on these: it
 * waits at most its own budget and leaves the rest to the background queue.
 */
record DeliveryTuning(Duration connectTimeout, Duration readTimeout, RetryPolicy retryPolicy, int capacity,
    Duration handOffTimeout, int redeliveries, Duration redeliveryDelay, Duration closeTimeout) {

  /**
   * Each round tries 3 times within 20 s; 20 later rounds, 15 s apart and growing linearly, keep an alert alive
   * through an outage of about 50 minutes.
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
      200,
      Duration.ofMillis(50),
      20,
      Duration.ofSeconds(15),
      Duration.ofSeconds(5));

  DeliveryTuning {
    Objects.requireNonNull(connectTimeout, "connectTimeout == null");
    Objects.requireNonNull(readTimeout, "readTimeout == null");
    Objects.requireNonNull(retryPolicy, "retryPolicy == null");
    Objects.requireNonNull(handOffTimeout, "handOffTimeout == null");
    Objects.requireNonNull(redeliveryDelay, "redeliveryDelay == null");
    Objects.requireNonNull(closeTimeout, "closeTimeout == null");
  }
}
