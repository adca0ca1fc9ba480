package org.commandcenter.jenkins.mattermost;

import hudson.model.Run;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.commandcenter.notifier.core.TestSummary;

/**
 * Test summaries from the junit plugin, which is an optional dependency: nothing here touches a junit class
 * unless the plugin is installed, so the notifier loads and works without it.
 */
final class TestResults {
  private static final Logger LOGGER = Logger.getLogger(TestResults.class.getName());
  private static final String JUNIT_ACTION = "hudson.tasks.test.AbstractTestResultAction";

  private TestResults() {
  }

  /** The run's test summary, or null when junit is absent or the run recorded no tests. */
  static TestSummary of(Run<?, ?> run) {
    if (!junitAvailable()) {
      return null;
    }
    try {
      return JUnitTestSummaries.of(run);
    } catch (LinkageError | RuntimeException e) {
      // An incompatible junit version must not break the notification.
      LOGGER.log(Level.FINE, "Could not read test results of " + run, e);
      return null;
    }
  }

  static boolean junitAvailable() {
    try {
      Class.forName(JUNIT_ACTION, false, TestResults.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
