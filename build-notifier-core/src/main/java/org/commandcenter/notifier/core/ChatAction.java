package org.commandcenter.notifier.core;

import java.util.Optional;

/**
 * The buttons ChatOps puts on build alerts. The wire id is both the Mattermost action id (letters and digits, as the
 * click route needs) and the {@code action} of the signed context.
 */
public enum ChatAction {
  /** Schedules the build again with the same parameters; once per build. */
  REBUILD("rebuild", "Rebuild", JobPermission.BUILD),
  /** "I'm on it": claims the alert for the clicking user. */
  CLAIM("claim", "I'm on it", JobPermission.READ),
  /** Hands a claim back. */
  RELEASE("release", "Release", JobPermission.READ),
  /** The last lines of the build's log, shown only to the clicking user. */
  SHOW_LOG("showlog", "Show log", JobPermission.READ),
  /** Stops a running build; once per build. */
  ABORT("abort", "Abort", JobPermission.CANCEL);

  private final String wireId;
  private final String label;
  private final JobPermission permission;

  ChatAction(String wireId, String label, JobPermission permission) {
    this.wireId = wireId;
    this.label = label;
    this.permission = permission;
  }

  public String wireId() {
    return wireId;
  }

  /** The button's text. */
  public String label() {
    return label;
  }

  /** What the clicking user needs on the job. */
  public JobPermission permission() {
    return permission;
  }

  /** Rebuild and abort act on Jenkins; a second click must not do it again. */
  public boolean isOncePerBuild() {
    return this == REBUILD || this == ABORT;
  }

  public static Optional<ChatAction> ofWireId(String wireId) {
    for (ChatAction action : values()) {
      if (action.wireId.equals(wireId)) {
        return Optional.of(action);
      }
    }
    return Optional.empty();
  }
}
