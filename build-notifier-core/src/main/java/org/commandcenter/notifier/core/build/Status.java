package org.commandcenter.notifier.core.build;

import org.commandcenter.notifier.core.BuildEvent;
import org.commandcenter.notifier.core.BuildResult;

/** How each event looks: a label with an emoji, and an attachment colour. */
final class Status {
  static final String BLUE = "#439FE0";
  static final String GREEN = "#2EB886";
  static final String RED = "#A30200";
  static final String YELLOW = "#DAA038";
  static final String GREY = "#8C8C8C";

  private Status() {}

  /** Label without emoji, e.g. "Still failing". */
  static String words(BuildEvent event) {
    switch (event) {
      case STARTED:
        return "Started";
      case SUCCESS:
        return "Success";
      case BACK_TO_NORMAL:
        return "Back to normal";
      case FAILURE:
        return "Failure";
      case REPEATED_FAILURE:
        return "Still failing";
      case UNSTABLE:
        return "Unstable";
      case REGRESSION:
        return "Regression";
      case ABORTED:
        return "Aborted";
      case NOT_BUILT:
        return "Not built";
      default:
        throw new AssertionError(event);
    }
  }

  static String emoji(BuildEvent event) {
    switch (event) {
      case STARTED:
        return ":arrow_forward:";
      case SUCCESS:
      case BACK_TO_NORMAL:
        return ":white_check_mark:";
      case FAILURE:
      case REPEATED_FAILURE:
        return ":x:";
      case UNSTABLE:
        return ":warning:";
      case REGRESSION:
        return ":chart_with_downwards_trend:";
      case ABORTED:
        return ":no_entry_sign:";
      case NOT_BUILT:
        return ":fast_forward:";
      default:
        throw new AssertionError(event);
    }
  }

  static String label(BuildEvent event) {
    return emoji(event) + " " + words(event);
  }

  static String color(BuildEvent event, BuildResult result) {
    switch (event) {
      case STARTED:
        return BLUE;
      case SUCCESS:
      case BACK_TO_NORMAL:
        return GREEN;
      case FAILURE:
      case REPEATED_FAILURE:
        return RED;
      case UNSTABLE:
        return YELLOW;
      case REGRESSION:
        return result == BuildResult.FAILURE ? RED : YELLOW;
      case ABORTED:
      case NOT_BUILT:
        return GREY;
      default:
        throw new AssertionError(event);
    }
  }

  /** "Success", "Unstable", ... for showing a previous result. */
  static String words(BuildResult result) {
    switch (result) {
      case SUCCESS:
        return "Success";
      case UNSTABLE:
        return "Unstable";
      case FAILURE:
        return "Failure";
      case NOT_BUILT:
        return "Not built";
      case ABORTED:
        return "Aborted";
      default:
        throw new AssertionError(result);
    }
  }
}
