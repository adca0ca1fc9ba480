package org.commandcenter.notifier.core;

import java.util.concurrent.CompletionStage;

/**
 * A build the port put in the queue.
 *
 * @param started completes with the build number once the build starts, or exceptionally when it never will
 *     (cancelled in the queue); ChatOps reports the number in the thread then
 */
public record ScheduledBuild(String job, CompletionStage<Integer> started) {
  public ScheduledBuild {
    Checks.requireNotBlank("job", job);
    if (started == null) {
      throw Checks.invalid("started", "must be set");
    }
  }
}
