package org.commandcenter.sonar.mattermost;

import java.util.Objects;
import java.util.Optional;

/** Whether to alert and, if so, with which {@link AlertKind}; the reason is for the log. */
public final class AlertDecision {

  private final AlertKind kind;
  private final String reason;
  private final boolean fellBack;
  private final GateCondition condition;

  private AlertDecision(AlertKind kind, String reason, boolean fellBack, GateCondition condition) {
    this.kind = kind;
    this.reason = Objects.requireNonNull(reason, "reason == null");
    this.fellBack = fellBack;
    this.condition = condition;
  }

  static AlertDecision send(AlertKind kind, String reason) {
    return new AlertDecision(Objects.requireNonNull(kind, "kind == null"), reason, false, null);
  }

  static AlertDecision skip(String reason) {
    return new AlertDecision(null, reason, false, null);
  }

  AlertDecision fellBackToFailedOnly() {
    return new AlertDecision(kind, reason, true, condition);
  }

  AlertDecision onlyIf(GateCondition condition) {
    return new AlertDecision(kind, reason, fellBack, Objects.requireNonNull(condition, "condition == null"));
  }

  public boolean shouldSend() {
    return kind != null;
  }

  public Optional<AlertKind> kind() {
    return Optional.ofNullable(kind);
  }

  public String reason() {
    return reason;
  }

  /** Sent only if this holds once the Web API is asked, on a delivery thread; empty when sent as it is. */
  public Optional<GateCondition> condition() {
    return Optional.ofNullable(condition);
  }

  /** "changes" mode could not learn the previous status and behaved like "failed". */
  public boolean fellBack() {
    return fellBack;
  }

  @Override
  public String toString() {
    return (kind == null ? "skip" : kind.name()) + " (" + reason + (fellBack ? ", fell back to failed-only" : "")
        + (condition != null ? ", if " + condition.value() : "") + ")";
  }
}
