package org.commandcenter.mattermost;

/** A snapshot of {@link AsyncSender} counters. */
public final class DeliveryStats {
  private final long submitted;
  private final long delivered;
  private final long failed;
  private final long dropped;
  private final long retried;

  public DeliveryStats(long submitted, long delivered, long failed, long dropped, long retried) {
    this.submitted = submitted;
    this.delivered = delivered;
    this.failed = failed;
    this.dropped = dropped;
    this.retried = retried;
  }

  /** Posts accepted into the queue. */
  public long submitted() {
    return submitted;
  }

  public long delivered() {
    return delivered;
  }

  /** Posts given up on after every attempt (their futures completed exceptionally). */
  public long failed() {
    return failed;
  }

  /** Posts refused because the queue stayed full for the whole hand-off time, or after close. */
  public long dropped() {
    return dropped;
  }

  /** Deliveries put back in the queue for a later attempt after a retryable failure. */
  public long retried() {
    return retried;
  }

  /** Accepted posts whose outcome is still open. */
  public long pending() {
    return submitted - delivered - failed;
  }

  @Override
  public String toString() {
    return "DeliveryStats{submitted=" + submitted + ", delivered=" + delivered + ", failed=" + failed
        + ", dropped=" + dropped + ", retried=" + retried + "}";
  }
}
