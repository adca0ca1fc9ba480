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
    // Whether the previous status makes an alert is the condition's rule: the same when a delivery thread learns the
    // status later (ASK_LATER).
    GateCondition condition = GateCondition.forCurrentGate(failed);
    AlertKind kind = failed ? AlertKind.GATE_FAILED : AlertKind.BACK_TO_GREEN;
    String reason = condition.reason(previous);
    if (previous == PreviousStatus.ASK_LATER) {
      return AlertDecision.send(kind, reason).onlyIf(condition);
    }
    AlertDecision decision = condition.holds(previous) ? AlertDecision.send(kind, reason) : AlertDecision.skip(reason);
    return previous == PreviousStatus.UNKNOWN ? decision.fellBackToFailedOnly() : decision;
  }

}
