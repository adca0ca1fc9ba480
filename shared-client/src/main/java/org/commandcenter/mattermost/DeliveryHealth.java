package org.commandcenter.mattermost;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A snapshot of a {@link DeliveryEngine}: what waits, what became of the rest since the engine started, and
 * whether Mattermost answers. Counts are of deliveries (a digest post counts each delivery it carries). Immutable.
 */
public final class DeliveryHealth {
  private final long waiting;
  private final long delivered;
  private final long failed;
  private final long dropped;
  private final long coalesced;
  private final long digested;
  private final Instant unreachableSince;
  private final String lastError;
  private final Instant lastErrorAt;
  private final Instant oldestWaitingSince;

  DeliveryHealth(long waiting, long delivered, long failed, long dropped, long coalesced, long digested,
      Instant unreachableSince, String lastError, Instant lastErrorAt, Instant oldestWaitingSince) {
    this.waiting = waiting;
    this.delivered = delivered;
    this.failed = failed;
    this.dropped = dropped;
    this.coalesced = coalesced;
    this.digested = digested;
    this.unreachableSince = unreachableSince;
    this.lastError = lastError;
    this.lastErrorAt = lastErrorAt;
    this.oldestWaitingSince = oldestWaitingSince;
  }

  /** Deliveries in the outbox: queued, being sent, or waiting to be tried again. */
  public long waiting() {
    return waiting;
  }

  /** Delivered, as their own posts or in a digest. */
  public long delivered() {
    return delivered;
  }

  /** Refused for good. */
  public long failed() {
    return failed;
  }

  /** Dropped unsent because the outbox was full. */
  public long dropped() {
    return dropped;
  }

  /** Replaced, unsent, by a newer state of the same thing. */
  public long coalesced() {
    return coalesced;
  }

  /** Of the delivered, those that went out as a line of a digest post. */
  public long digested() {
    return digested;
  }

  /** Since when attempts fail (the first failure after the last success), or empty while they work. */
  public Optional<Instant> unreachableSince() {
    return Optional.ofNullable(unreachableSince);
  }

  /** The last failure's message, free of secrets (e.g. {@code create post ... failed: HTTP 503 ...}). */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  public Optional<Instant> lastErrorAt() {
    return Optional.ofNullable(lastErrorAt);
  }

  /** When the longest-waiting delivery was submitted, or empty when nothing waits. */
  public Optional<Instant> oldestWaitingSince() {
    return Optional.ofNullable(oldestWaitingSince);
  }

  /** Attempts work (or none failed yet). */
  public boolean isReachable() {
    return unreachableSince == null;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof DeliveryHealth)) {
      return false;
    }
    DeliveryHealth that = (DeliveryHealth) other;
    return waiting == that.waiting && delivered == that.delivered && failed == that.failed
        && dropped == that.dropped && coalesced == that.coalesced && digested == that.digested
        && Objects.equals(unreachableSince, that.unreachableSince) && Objects.equals(lastError, that.lastError)
        && Objects.equals(lastErrorAt, that.lastErrorAt) && Objects.equals(oldestWaitingSince, that.oldestWaitingSince);
  }

  @Override
  public int hashCode() {
    return Objects.hash(waiting, delivered, failed, dropped, coalesced, digested, unreachableSince);
  }

  /** One line, as a log would want it: {@code waiting=37, delivered=120, failed=0, dropped=0, coalesced=3, ...}. */
  @Override
  public String toString() {
    return "waiting=" + waiting + ", delivered=" + delivered + " (digested " + digested + "), failed=" + failed
        + ", dropped=" + dropped + ", coalesced=" + coalesced
        + (unreachableSince != null ? ", unreachable since " + unreachableSince : "")
        + (lastError != null ? ", last error: " + lastError : "");
  }
}
