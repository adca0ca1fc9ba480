package org.commandcenter.sonar.mattermost;

import java.util.Objects;
import java.util.Optional;

/** Whether to alert and, if so, with which {@link AlertKind}; the reason is for the log. */
public final class AlertDecision {

  private final AlertKind kind;
  private final String reason;
  private final boolean fellBack;

  private AlertDecision(AlertKind kind, String reason, boolean fellBack) {
    this.kind = kind;
    this.reason = Objects.requireNonNull(reason, "reason == null");
    this.fellBack = fellBack;
  }

  static AlertDecision send(AlertKind kind, String reason) {
    return new AlertDecision(Objects.requireNonNull(kind, "kind == null"), reason, false);
  }

  static AlertDecision skip(String reason) {
    return new AlertDecision(null, reason, false);
  }

  AlertDecision fellBackToFailedOnly() {
    return new AlertDecision(kind, reason, true);
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

  /** "changes" mode could not learn the previous status and behaved like "failed". */
  public boolean fellBack() {
    return fellBack;
  }

  @Override
  public String toString() {
    return (kind == null ? "skip" : kind.name()) + " (" + reason + (fellBack ? ", fell back to failed-only" : "")
        + ")";
  }
}
