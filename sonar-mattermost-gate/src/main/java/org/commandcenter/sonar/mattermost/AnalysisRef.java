package org.commandcenter.sonar.mattermost;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.sonar.api.ce.posttask.Analysis;
import org.sonar.api.ce.posttask.Branch;
import org.sonar.api.ce.posttask.PostProjectAnalysisTask.ProjectAnalysis;

/**
 * What the Web API needs to find the analysis before this one, kept with an alert in the outbox (the Compute
 * Engine's {@link ProjectAnalysis} is gone by the time a delivery thread asks).
 *
 * @param branchParameter {@code branch} or {@code pullRequest}, or null for the main branch
 * @param analysisKey the analysis' UUID, or null
 * @param analysisDate when it ran, or null
 */
record AnalysisRef(String projectKey, String branchParameter, String branchName, String analysisKey,
    Instant analysisDate) {

  private static final String PROJECT = "sonar.project";
  private static final String BRANCH_PARAMETER = "sonar.branchParameter";
  private static final String BRANCH = "sonar.branch";
  private static final String ANALYSIS = "sonar.analysis";
  private static final String DATE = "sonar.analysisDate";

  AnalysisRef {
    Objects.requireNonNull(projectKey, "projectKey == null");
  }

  static AnalysisRef of(ProjectAnalysis analysis) {
    Optional<Branch> branch = analysis.getBranch();
    String parameter = null;
    String name = null;
    if (branch.isPresent() && !branch.get().isMain() && branch.get().getName().isPresent()) {
      parameter = branch.get().getType() == Branch.Type.PULL_REQUEST ? "pullRequest" : "branch";
      name = branch.get().getName().get();
    }
    return new AnalysisRef(analysis.getProject().getKey(), parameter, name,
        analysis.getAnalysis().map(Analysis::getAnalysisUuid).orElse(null),
        analysis.getAnalysis().map(a -> a.getDate().toInstant()).orElse(null));
  }

  /** As delivery attributes (no secrets in them). */
  void writeTo(java.util.function.BiConsumer<String, String> attributes) {
    attributes.accept(PROJECT, projectKey);
    attributes.accept(BRANCH_PARAMETER, branchParameter);
    attributes.accept(BRANCH, branchName);
    attributes.accept(ANALYSIS, analysisKey);
    attributes.accept(DATE, analysisDate == null ? null : Long.toString(analysisDate.toEpochMilli()));
  }

  /** @throws IllegalArgumentException when the attributes do not name a project */
  static AnalysisRef from(Map<String, String> attributes) {
    String project = attributes.get(PROJECT);
    if (project == null) {
      throw new IllegalArgumentException("attributes: no " + PROJECT);
    }
    String date = attributes.get(DATE);
    return new AnalysisRef(project, attributes.get(BRANCH_PARAMETER), attributes.get(BRANCH),
        attributes.get(ANALYSIS), date == null ? null : Instant.ofEpochMilli(Long.parseLong(date)));
  }
}
