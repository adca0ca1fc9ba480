package org.commandcenter.notifier.core.build;

import static org.commandcenter.notifier.core.BuildEvent.ABORTED;
import static org.commandcenter.notifier.core.BuildEvent.BACK_TO_NORMAL;
import static org.commandcenter.notifier.core.BuildEvent.FAILURE;
import static org.commandcenter.notifier.core.BuildEvent.NOT_BUILT;
import static org.commandcenter.notifier.core.BuildEvent.REGRESSION;
import static org.commandcenter.notifier.core.BuildEvent.REPEATED_FAILURE;
import static org.commandcenter.notifier.core.BuildEvent.STARTED;
import static org.commandcenter.notifier.core.BuildEvent.SUCCESS;
import static org.commandcenter.notifier.core.BuildEvent.UNSTABLE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commandcenter.notifier.core.BuildEvent;
import org.commandcenter.notifier.core.BuildFacts;
import org.commandcenter.notifier.core.BuildResult;
import org.commandcenter.notifier.core.NotifyConfig;

/**
 * Turns a build's state into the event worth telling. Aborted and not-built builds are skipped when looking at
 * the previous result, so "fail, abort, succeed" is still "back to normal".
 */
public final class EventDecider {
  private EventDecider() {}

  public static Optional<BuildEvent> decide(BuildFacts facts, NotifyConfig config) {
    for (BuildEvent candidate : candidates(facts)) {
      if (isEnabled(candidate, config)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The event that describes this build best, as if every event were enabled (used for in-place updates). */
  static BuildEvent natural(BuildFacts facts) {
    return candidates(facts).get(0);
  }

  /** Candidate events for the build's state, most specific first. */
  static List<BuildEvent> candidates(BuildFacts facts) {
    List<BuildEvent> result = new ArrayList<>();
    BuildResult current = facts.result();
    if (current == null) {
      result.add(STARTED);
      return result;
    }
    BuildResult previous = facts.previousNonAbortedResult();
    boolean testsWorse = facts.testSummary() != null && facts.testSummary().isWorseThanPrevious();
    switch (current) {
      case SUCCESS:
        if (previous == BuildResult.FAILURE || previous == BuildResult.UNSTABLE) {
          result.add(BACK_TO_NORMAL);
        }
        result.add(SUCCESS);
        break;
      case FAILURE:
        if (previous == BuildResult.FAILURE) {
          // Same result: only more or different failing tests make it a regression.
          if (testsWorse) {
            result.add(REGRESSION);
          }
          result.add(REPEATED_FAILURE);
        } else {
          result.add(FAILURE);
          if (previous != null) {
            result.add(REGRESSION);
          }
        }
        break;
      case UNSTABLE:
        if (previous == BuildResult.SUCCESS) {
          result.add(UNSTABLE);
          result.add(REGRESSION);
        } else if (previous == BuildResult.UNSTABLE && testsWorse) {
          result.add(REGRESSION);
          result.add(UNSTABLE);
        } else {
          result.add(UNSTABLE);
        }
        break;
      case ABORTED:
        result.add(ABORTED);
        break;
      case NOT_BUILT:
        result.add(NOT_BUILT);
        break;
      default:
        throw new AssertionError(current);
    }
    return result;
  }

  private static boolean isEnabled(BuildEvent event, NotifyConfig config) {
    if (event == REPEATED_FAILURE) {
      return config.notifies(REPEATED_FAILURE) || (config.notifies(FAILURE) && config.everyFailure());
    }
    return config.notifies(event);
  }
}
