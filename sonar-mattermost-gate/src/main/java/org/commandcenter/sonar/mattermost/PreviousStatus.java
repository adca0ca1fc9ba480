package org.commandcenter.sonar.mattermost;

/** The quality gate status of the analysis before the current one, on the same branch or pull request. */
public enum PreviousStatus {
  OK,
  ERROR,
  /** There is no earlier analysis, or it had no quality gate. */
  NONE,
  /** It could not be found out (no Web API token, server unreachable, missing permission). */
  UNKNOWN,
  /**
   * Not known on the Compute Engine's thread (a branch not seen since installation): the Web API is asked on a
   * delivery thread before the alert would be sent, which is then sent only if the status changed.
   */
  ASK_LATER
}
