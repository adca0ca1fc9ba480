package org.commandcenter.sonar.mattermost;

/** What an alert says about the analysis. */
public enum AlertKind {
  /** The quality gate failed. */
  GATE_FAILED,
  /** The quality gate passed after failing on the previous analysis. */
  BACK_TO_GREEN,
  /** The quality gate passed. */
  GATE_PASSED,
  /** The analysis passed without a quality gate. */
  NO_GATE,
  /** The Compute Engine could not process the analysis report. */
  ANALYSIS_FAILED
}
