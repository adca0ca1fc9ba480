package org.commandcenter.mattermost;

import java.util.List;

/** Something a worker does for a lane, outside the lock, and then records, under it. */
abstract class EngineWork {
  /** Not work: a worker leaves the lock to run what was deferred, and asks again. */
  static final EngineWork NOTHING = new EngineWork(null) {
    @Override
    AttemptOutcome perform(DeliveryEngine engine) {
      throw new UnsupportedOperationException();
    }

    @Override
    void apply(DeliveryEngine engine, AttemptOutcome outcome, List<Runnable> after) {
      throw new UnsupportedOperationException();
    }
  };

  final EngineLane lane;

  EngineWork(EngineLane lane) {
    this.lane = lane;
  }

  abstract AttemptOutcome perform(DeliveryEngine engine);

  abstract void apply(DeliveryEngine engine, AttemptOutcome outcome, List<Runnable> after);

  /** For an entry whose delivery {@link DeliveryEngine#load} could not read (it was moved aside). */
  static AttemptOutcome unreadable() {
    return AttemptOutcome.failedForGood(null, "the outbox entry cannot be read (moved aside)");
  }

  /** Sorts an exception: retried, or failed for good. */
  static AttemptOutcome outcomeOf(Exception e, Delivery delivery, MattermostClient client) {
    RateLimitStatus rateLimit = client == null ? null : client.rateLimit();
    if (e instanceof MattermostException) {
      MattermostException mattermost = (MattermostException) e;
      if (mattermost.isRetryable()) {
        return AttemptOutcome.retry(delivery, reason(e), rateLimit, mattermost.statusCode() == 429);
      }
      return mattermost.statusCode() > 0 ? AttemptOutcome.refused(delivery, reason(e), rateLimit)
          : AttemptOutcome.failedForGood(delivery, reason(e));
    }
    return AttemptOutcome.failedForGood(delivery, reason(e));
  }

  static String reason(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
