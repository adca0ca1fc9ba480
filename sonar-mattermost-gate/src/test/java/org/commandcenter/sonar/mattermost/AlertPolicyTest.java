package org.commandcenter.sonar.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sonar.api.ce.posttask.PostProjectAnalysisTask.ProjectAnalysis;

class AlertPolicyTest {

  private final MapConfiguration config = new MapConfiguration()
      .set(MattermostProperties.WEBHOOK_URL, "http://127.0.0.1:1/hooks/abc");
  private AlertDecision decide(ProjectAnalysis analysis, PreviousStatus previous) {
    return AlertPolicy.decide(GateSettings.from(config), analysis, previous);
  }

  private static ProjectAnalysis failing() {
    return Analyses.tester(Analyses.noop(), Analyses.failingGate()).execute();
  }

  private static ProjectAnalysis passing() {
    return Analyses.tester(Analyses.noop(), Analyses.passingGate()).execute();
  }

  @Test
  void failedModeAlertsOnEveryFailedGateOnly() {
    assertThat(decide(failing(), PreviousStatus.ERROR).kind()).contains(AlertKind.GATE_FAILED);
    assertThat(decide(passing(), PreviousStatus.ERROR).shouldSend()).isFalse();
  }

  @Test
  void changesModeAlertsWhenTheGateStartsFailingAndWhenItRecovers() {
    config.set(MattermostProperties.NOTIFY, "changes");

    assertThat(decide(failing(), PreviousStatus.OK).kind()).contains(AlertKind.GATE_FAILED);
    assertThat(decide(failing(), PreviousStatus.NONE).kind()).contains(AlertKind.GATE_FAILED);
    assertThat(decide(failing(), PreviousStatus.ERROR).shouldSend()).isFalse();
    assertThat(decide(passing(), PreviousStatus.ERROR).kind()).contains(AlertKind.BACK_TO_GREEN);
    assertThat(decide(passing(), PreviousStatus.OK).shouldSend()).isFalse();
    assertThat(decide(passing(), PreviousStatus.NONE).shouldSend()).isFalse();
  }

  @Test
  void changesModeFallsBackToFailedOnlyWhenThePreviousStatusIsUnknown() {
    config.set(MattermostProperties.NOTIFY, "changes");

    AlertDecision failed = decide(failing(), PreviousStatus.UNKNOWN);
    AlertDecision passed = decide(passing(), PreviousStatus.UNKNOWN);

    assertThat(failed.kind()).contains(AlertKind.GATE_FAILED);
    assertThat(failed.fellBack()).isTrue();
    assertThat(passed.shouldSend()).isFalse();
    assertThat(passed.fellBack()).isTrue();
  }

  @Test
  void changesModeLeavesAPreviousStatusStillToBeAskedToTheCondition() {
    config.set(MattermostProperties.NOTIFY, "changes");

    AlertDecision failed = decide(failing(), PreviousStatus.ASK_LATER);
    AlertDecision passed = decide(passing(), PreviousStatus.ASK_LATER);

    assertThat(failed.kind()).contains(AlertKind.GATE_FAILED);
    assertThat(failed.condition()).contains(GateCondition.PREVIOUS_NOT_FAILED);
    assertThat(passed.kind()).contains(AlertKind.BACK_TO_GREEN);
    assertThat(passed.condition()).contains(GateCondition.PREVIOUS_FAILED);
    // The condition says what the decision with the known status would have been.
    for (PreviousStatus previous : new PreviousStatus[] {PreviousStatus.OK, PreviousStatus.ERROR,
        PreviousStatus.NONE, PreviousStatus.UNKNOWN}) {
      assertThat(GateCondition.PREVIOUS_NOT_FAILED.holds(previous)).as("failed after %s", previous)
          .isEqualTo(decide(failing(), previous).shouldSend());
      assertThat(GateCondition.PREVIOUS_FAILED.holds(previous)).as("passed after %s", previous)
          .isEqualTo(decide(passing(), previous).shouldSend());
    }
    assertThat(decide(failing(), PreviousStatus.OK).condition()).isEmpty();
    assertThat(GateCondition.parse(GateCondition.PREVIOUS_FAILED.value())).isEqualTo(GateCondition.PREVIOUS_FAILED);
  }

  @Test
  void alwaysModeAlertsOnEveryAnalysis() {
    config.set(MattermostProperties.NOTIFY, "always");

    assertThat(decide(failing(), PreviousStatus.UNKNOWN).kind()).contains(AlertKind.GATE_FAILED);
    assertThat(decide(passing(), PreviousStatus.UNKNOWN).kind()).contains(AlertKind.GATE_PASSED);
    assertThat(decide(Analyses.tester(Analyses.noop(), null).execute(), PreviousStatus.UNKNOWN).kind())
        .contains(AlertKind.NO_GATE);
  }

  @Test
  void alertsOnAFailedAnalysisInEveryMode() {
    for (NotifyMode mode : NotifyMode.values()) {
      config.set(MattermostProperties.NOTIFY, mode.value());
      assertThat(decide(Analyses.failedTask(Analyses.noop()).execute(), PreviousStatus.OK).kind())
          .as(mode.value()).contains(AlertKind.ANALYSIS_FAILED);
    }
  }

  @Test
  void skipsAnalysesWithoutAQualityGateUnlessAlways() {
    assertThat(decide(Analyses.tester(Analyses.noop(), null).execute(), PreviousStatus.OK).shouldSend()).isFalse();
  }

  @Test
  void filtersBranchesByRegularExpression() {
    config.set(MattermostProperties.BRANCHES, "main|release/.*");

    assertThat(decide(Analyses.tester(Analyses.noop(), Analyses.failingGate())
        .withBranch(Analyses.branch("release/2.1")).execute(), PreviousStatus.NONE).shouldSend()).isTrue();
    AlertDecision feature = decide(Analyses.tester(Analyses.noop(), Analyses.failingGate())
        .withBranch(Analyses.branch("feature/login")).execute(), PreviousStatus.NONE);
    assertThat(feature.shouldSend()).isFalse();
    assertThat(feature.reason()).contains("feature/login");
    assertThat(decide(failing(), PreviousStatus.NONE).shouldSend()).isTrue();
  }

  @Test
  void alertsOnPullRequestsOnlyWhenTurnedOn() {
    ProjectAnalysis pullRequest = Analyses.tester(Analyses.noop(), Analyses.failingGate())
        .withBranch(Analyses.pullRequest("42")).execute();

    assertThat(decide(pullRequest, PreviousStatus.NONE).shouldSend()).isFalse();
    config.set(MattermostProperties.PULL_REQUESTS, "true");
    config.set(MattermostProperties.BRANCHES, "main");
    assertThat(decide(pullRequest, PreviousStatus.NONE).kind()).contains(AlertKind.GATE_FAILED);
  }
}
