package org.commandcenter.sonar.mattermost;

/**
 * What an alert decided with {@link PreviousStatus#ASK_LATER} waits for: the previous gate status, asked of the Web
 * API on a delivery thread. Kept in the outbox as the delivery's condition, so it survives a restart.
 */
public enum GateCondition {
  /** A failed gate alerts unless the gate was already failing. */
  PREVIOUS_NOT_FAILED("sonar.previous-gate-status:!ERROR"),
  /** A passed gate alerts (back to green) only if the gate was failing. */
  PREVIOUS_FAILED("sonar.previous-gate-status:ERROR");

  private final String value;

  GateCondition(String value) {
    this.value = value;
  }

  /** The condition an alert on the current gate waits for: a failed gate's or a passed gate's. */
  static GateCondition forCurrentGate(boolean failed) {
    return failed ? PREVIOUS_NOT_FAILED : PREVIOUS_FAILED;
  }

  /** As stored with the delivery. */
  String value() {
    return value;
  }

  /** @throws IllegalArgumentException for a condition this plugin did not write */
  static GateCondition parse(String value) {
    for (GateCondition condition : values()) {
      if (condition.value.equals(value)) {
        return condition;
      }
    }
    throw new IllegalArgumentException("condition: not this plugin's (" + value + ")");
  }

  /**
   * Whether to send, given the previous status; an {@link PreviousStatus#UNKNOWN} one alerts as {@code notify =
   * failed} would (a failed gate alerts, a passed one does not).
   */
  boolean holds(PreviousStatus previous) {
    return (previous == PreviousStatus.ERROR) == (this == PREVIOUS_FAILED);
  }

  /** Why an alert is sent or not once {@code previous} is known (or not), for the log. */
  String reason(PreviousStatus previous) {
    boolean failed = this == PREVIOUS_NOT_FAILED;
    switch (previous) {
      case ERROR:
        return failed ? "gate still failing" : "gate passed after failing";
      case OK:
        return failed ? "gate failed after passing" : "gate still passing";
      case NONE:
        return failed ? "first gate status: failed" : "first gate status: passed";
      default:
        return failed ? "gate failed" : "gate passed";
    }
  }
}
