package org.commandcenter.mattermost;

import java.util.Map;
import java.util.concurrent.TimeUnit;

/** What an attempt came to. */
final class AttemptOutcome {
  enum Kind { DONE, RETRY, FAILED }

  final Kind kind;
  final String error;
  final long retryAfterMillis;
  final PostResult digest;
  final Delivery delivery;
  final Map<String, ReconcileWork.Found> found;
  final RateLimitStatus rateLimit;
  final boolean connectionWorked;

  private AttemptOutcome(Kind kind, String error, long retryAfterMillis, PostResult digest, Delivery delivery,
      Map<String, ReconcileWork.Found> found, RateLimitStatus rateLimit, boolean connectionWorked) {
    this.kind = kind;
    this.error = error;
    this.retryAfterMillis = retryAfterMillis;
    this.digest = digest;
    this.delivery = delivery;
    this.found = found;
    this.rateLimit = rateLimit;
    this.connectionWorked = connectionWorked;
  }

  static AttemptOutcome done(Delivery delivery, PostResult digest, Map<String, ReconcileWork.Found> found, RateLimitStatus rateLimit) {
    return new AttemptOutcome(Kind.DONE, null, 0, digest, delivery, found, rateLimit, true);
  }

  static AttemptOutcome retry(Delivery delivery, String error, RateLimitStatus rateLimit, boolean limited) {
    long retryAfter = limited && rateLimit != null && rateLimit.retryAfterSeconds() >= 0
        ? TimeUnit.SECONDS.toMillis(rateLimit.retryAfterSeconds()) : 0;
    return new AttemptOutcome(Kind.RETRY, error, retryAfter, null, delivery, null, rateLimit, false);
  }

  static AttemptOutcome failedForGood(Delivery delivery, String error) {
    return new AttemptOutcome(Kind.FAILED, error, 0, null, delivery, null, null, false);
  }

  /** Failed for good, but Mattermost itself answered (a 4xx): the connection works. */
  static AttemptOutcome refused(Delivery delivery, String error, RateLimitStatus rateLimit) {
    return new AttemptOutcome(Kind.FAILED, error, 0, null, delivery, null, rateLimit, true);
  }
}
