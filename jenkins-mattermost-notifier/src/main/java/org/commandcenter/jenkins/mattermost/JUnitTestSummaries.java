package org.commandcenter.jenkins.mattermost;

import hudson.model.Run;
import hudson.tasks.test.AbstractTestResultAction;
import hudson.tasks.test.TestResult;
import java.util.ArrayList;
import java.util.List;
import org.commandcenter.notifier.core.NotifyConfig;
import org.commandcenter.notifier.core.TestSummary;

/** Reads junit's test result action. Only loaded after {@link TestResults#junitAvailable()} said yes. */
final class JUnitTestSummaries {
  private JUnitTestSummaries() {
  }

  static TestSummary of(Run<?, ?> run) {
    AbstractTestResultAction<?> action = run.getAction(AbstractTestResultAction.class);
    if (action == null) {
      return null;
    }
    TestSummary.Builder summary = TestSummary.builder()
        .total(action.getTotalCount())
        .failed(action.getFailCount())
        .skipped(action.getSkipCount())
        .failedTests(failedNames(action));
    Run<?, ?> previous = run.getPreviousCompletedBuild();
    AbstractTestResultAction<?> previousAction =
        previous == null ? null : previous.getAction(AbstractTestResultAction.class);
    if (previousAction != null) {
      summary.previousFailedTests(failedNames(previousAction)).previousFailedCount(previousAction.getFailCount());
    }
    return summary.build();
  }

  private static List<String> failedNames(AbstractTestResultAction<?> action) {
    List<String> names = new ArrayList<>();
    for (TestResult failed : action.getFailedTests()) {
      if (names.size() >= NotifyConfig.MAX_LISTED_ITEMS) {
        break;
      }
      names.add(failed.getFullDisplayName());
    }
    return names;
  }
}
