package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

/**
 * The outcome of a completed build, in the same order of severity as Jenkins' {@code hudson.model.Result}
 * (SUCCESS best, ABORTED "worst"), so adapters map with {@code BuildResult.valueOf(result.toString())}.
 */
public enum BuildResult {
  SUCCESS,
  UNSTABLE,
  FAILURE,
  NOT_BUILT,
  ABORTED;

  /** Same comparison as {@code Result.isWorseThan}: by severity order. */
  public boolean isWorseThan(BuildResult other) {
    requireNonNull(other, "other == null");
    return ordinal() > other.ordinal();
  }

  /** Results that say something about the code: aborted and not-built builds do not change transitions. */
  boolean isConclusive() {
    return this == SUCCESS || this == UNSTABLE || this == FAILURE;
  }
}
