package org.commandcenter.sonar.mattermost;

import java.time.Instant;
import org.sonar.api.ce.posttask.PostProjectAnalysisTask.ProjectAnalysis;

/** Finds the quality gate status of the analysis before the current one. */
@FunctionalInterface
public interface PreviousStatusSource {

  /** Never throws: a failure is {@link PreviousStatus#UNKNOWN}. Returns by {@code deadline}. */
  PreviousStatus previousStatus(ProjectAnalysis analysis, Instant deadline);
}
