package org.commandcenter.sonar.mattermost;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.sonar.api.ce.posttask.Branch;
import org.sonar.api.ce.posttask.CeTask;
import org.sonar.api.ce.posttask.PostProjectAnalysisTask.ProjectAnalysis;
import org.sonar.api.ce.posttask.QualityGate;

/**
 * Decides from the settings, the analysis and (for "changes") the previous gate status whether to alert. A previous
 * status still to be asked ({@link PreviousStatus#ASK_LATER}) makes a conditional decision: the alert the current
 * status calls for, sent only if the previous status turns out different ({@link AlertDecision#condition()}).
 */
public final class AlertPolicy {

  private AlertPolicy() {
  }

  public static AlertDecision decide(GateSettings settings, ProjectAnalysis analysis, PreviousStatus previous) {
    Objects.requireNonNull(settings, "settings == null");
    Objects.requireNonNull(analysis, "analysis == null");
    Objects.requireNonNull(previous, "previous == null");
    Optional<Branch> branch = analysis.getBranch();
    if (branch.isPresent()) {
      Branch b = branch.get();
      if (b.getType() == Branch.Type.PULL_REQUEST) {
        if (!settings.pullRequests()) {
          return AlertDecision.skip("pull request alerts are off");
        }
      } else {
        Optional<Pattern> filter = settings.branchFilter();
        String name = b.getName().orElse("");
        if (filter.isPresent() && !filter.get().matcher(name).matches()) {
          return AlertDecision.skip("branch '" + name + "' does not match " + MattermostProperties.BRANCHES);
        }
      }
    }
    if (analysis.getCeTask().getStatus() == CeTask.Status.FAILED) {
      return AlertDecision.send(AlertKind.ANALYSIS_FAILED, "the analysis failed");
    }
    QualityGate gate = analysis.getQualityGate();
    NotifyMode mode = settings.notifyMode();
    if (gate == null) {
      return mode == NotifyMode.ALWAYS
          ? AlertDecision.send(AlertKind.NO_GATE, "every analysis")
          : AlertDecision.skip("no quality gate");
    }
    // Compared by name: WARN (removed from newer APIs) never appears on 9.9 and later, and passes if it does.
    boolean failed = "ERROR".equals(gate.getStatus().name());
    switch (mode) {
      case ALWAYS:
        return AlertDecision.send(failed ? AlertKind.GATE_FAILED : AlertKind.GATE_PASSED, "every analysis");
      case FAILED:
        return failed ? AlertDecision.send(AlertKind.GATE_FAILED, "gate failed") : AlertDecision.skip("gate passed");
      case CHANGES:
      default:
        return onChange(failed, previous);
    }
  }

  private static AlertDecision onChange(boolean failed, PreviousStatus previous) {
    switch (previous) {
      case ASK_LATER:
        return failed
            ? AlertDecision.send(AlertKind.GATE_FAILED, "gate failed").onlyIf(GateCondition.PREVIOUS_NOT_FAILED)
            : AlertDecision.send(AlertKind.BACK_TO_GREEN, "gate passed").onlyIf(GateCondition.PREVIOUS_FAILED);
      case UNKNOWN:
        return (failed ? AlertDecision.send(AlertKind.GATE_FAILED, "gate failed")
            : AlertDecision.skip("gate passed")).fellBackToFailedOnly();
      case ERROR:
        return failed ? AlertDecision.skip("gate still failing")
            : AlertDecision.send(AlertKind.BACK_TO_GREEN, "gate passed after failing");
      case OK:
        return failed ? AlertDecision.send(AlertKind.GATE_FAILED, "gate failed after passing")
            : AlertDecision.skip("gate still passing");
      case NONE:
      default:
        return failed ? AlertDecision.send(AlertKind.GATE_FAILED, "first gate status: failed")
            : AlertDecision.skip("first gate status: passed");
    }
  }
}
