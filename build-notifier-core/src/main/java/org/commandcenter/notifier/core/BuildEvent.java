package org.commandcenter.notifier.core;

/** Why a notification is sent; {@link NotificationEngine#decide} picks at most one per build state. */
public enum BuildEvent {
  /** The build has started (no result yet). */
  STARTED,
  SUCCESS,
  /** A failure after a non-failing build (the first failure). */
  FAILURE,
  /** A failure after a failure ("still failing"). */
  REPEATED_FAILURE,
  UNSTABLE,
  ABORTED,
  NOT_BUILT,
  /** A success after a failing or unstable build. */
  BACK_TO_NORMAL,
  /** A worse result than the previous build, or more / different failing tests. */
  REGRESSION;

  /** Events that mean "something is broken": they open an incident, mention culprits and show the log tail. */
  public boolean isTrouble() {
    return this == FAILURE || this == REPEATED_FAILURE || this == UNSTABLE || this == REGRESSION;
  }
}
