package org.commandcenter.notifier.core;

/** What an abort did. */
public enum AbortOutcome {
  /** The running build was asked to stop. */
  ABORTED,
  /** The build was still waiting in the queue and left it. */
  CANCELLED_IN_QUEUE,
  /** Nothing to do: the build had finished already. */
  NOT_RUNNING
}
