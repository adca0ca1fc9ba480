package org.commandcenter.sonar.mattermost;

import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newBranchBuilder;
import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newCeTaskBuilder;
import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newConditionBuilder;
import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newProjectBuilder;
import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newQualityGateBuilder;
import static org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester.newScannerContextBuilder;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.sonar.api.ce.posttask.Branch;
import org.sonar.api.ce.posttask.CeTask;
import org.sonar.api.ce.posttask.PostProjectAnalysisTask;
import org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester;
import org.sonar.api.ce.posttask.QualityGate;

/** Analyses as the Compute Engine hands them to post-analysis tasks, made with {@link PostProjectAnalysisTaskTester}. */
final class Analyses {

  static final Instant DATE = Instant.parse("2026-11-29T10:15:30Z");
  static final String ANALYSIS_UUID = "AYz-current-analysis";
  static final String REVISION = "4f2c9e1b7a3d5c6e8f9a0b1c2d3e4f5a6b7c8d9e";

  private Analyses() {
  }

  static QualityGate.Condition failed(String metric, QualityGate.Operator operator, String threshold, String value) {
    return newConditionBuilder().setMetricKey(metric).setOperator(operator).setErrorThreshold(threshold)
        .build(QualityGate.EvaluationStatus.ERROR, value);
  }

  static QualityGate.Condition passed(String metric, QualityGate.Operator operator, String threshold, String value) {
    return newConditionBuilder().setMetricKey(metric).setOperator(operator).setErrorThreshold(threshold)
        .build(QualityGate.EvaluationStatus.OK, value);
  }

  static QualityGate.Condition noValue(String metric, QualityGate.Operator operator, String threshold) {
    return newConditionBuilder().setMetricKey(metric).setOperator(operator).setErrorThreshold(threshold)
        .buildNoValue();
  }

  static QualityGate gate(QualityGate.Status status, QualityGate.Condition... conditions) {
    PostProjectAnalysisTaskTester.QualityGateBuilder gate = newQualityGateBuilder()
        .setId("9").setName("Sonar way").setStatus(status);
    for (QualityGate.Condition condition : conditions) {
      gate.add(condition);
    }
    return gate.build();
  }

  static QualityGate failingGate() {
    return gate(QualityGate.Status.ERROR,
        failed("new_coverage", QualityGate.Operator.LESS_THAN, "80", "45.23"),
        failed("new_reliability_rating", QualityGate.Operator.GREATER_THAN, "1", "3"),
        passed("new_duplicated_lines_density", QualityGate.Operator.GREATER_THAN, "3", "1.2"),
        noValue("new_security_hotspots_reviewed", QualityGate.Operator.LESS_THAN, "100"));
  }

  static QualityGate passingGate() {
    return gate(QualityGate.Status.OK,
        passed("new_coverage", QualityGate.Operator.LESS_THAN, "80", "91.0"),
        passed("new_reliability_rating", QualityGate.Operator.GREATER_THAN, "1", "1"));
  }

  static Branch mainBranch() {
    return newBranchBuilder().setName("main").setType(Branch.Type.BRANCH).setIsMain(true).build();
  }

  static Branch branch(String name) {
    return newBranchBuilder().setName(name).setType(Branch.Type.BRANCH).setIsMain(false).build();
  }

  static Branch pullRequest(String id) {
    return newBranchBuilder().setName(id).setType(Branch.Type.PULL_REQUEST).setIsMain(false).build();
  }

  /** A tester for a successful analysis of project "shop" (named "Shop Backend") on main. */
  static PostProjectAnalysisTaskTester tester(PostProjectAnalysisTask task, QualityGate gate) {
    return PostProjectAnalysisTaskTester.of(task)
        .withCeTask(newCeTaskBuilder().setId("AYce-task").setStatus(CeTask.Status.SUCCESS).build())
        .withProject(newProjectBuilder().setUuid("uuid-shop").setKey("shop").setName("Shop Backend").build())
        .withBranch(mainBranch())
        .withQualityGate(gate)
        .withScannerContext(newScannerContextBuilder().build())
        .withAnalysisUuid(ANALYSIS_UUID)
        .withRevision(REVISION)
        .at(Date.from(DATE));
  }

  static PostProjectAnalysisTaskTester failedTask(PostProjectAnalysisTask task) {
    return PostProjectAnalysisTaskTester.of(task)
        .withCeTask(newCeTaskBuilder().setId("AYce-task").setStatus(CeTask.Status.FAILED).build())
        .withProject(newProjectBuilder().setUuid("uuid-shop").setKey("shop").setName("Shop Backend").build())
        .withBranch(mainBranch())
        .withQualityGate(null)
        .withScannerContext(newScannerContextBuilder().build())
        .at(Date.from(DATE));
  }

  static PostProjectAnalysisTask.ProjectAnalysis capture(PostProjectAnalysisTaskTester tester) {
    return tester.execute();
  }

  static Map<String, String> scannerChannel(String channel) {
    return Map.of(MattermostProperties.CONTEXT_CHANNEL, channel);
  }

  /** A task that does nothing, for building analyses with the tester. */
  static PostProjectAnalysisTask noop() {
    return new PostProjectAnalysisTask() {
      @Override
      public void finished(Context context) {
        // only the analysis is wanted
      }
    };
  }
}
