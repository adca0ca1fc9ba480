package org.commandcenter.notifier.core;

import java.util.Optional;

/**
 * Finds the {@link ThreadStore} of a build again, for notifications delivered after the process that sent them is
 * gone (a durable outbox resumed after a restart): the Jenkins adapter looks the run up by its job's full name and
 * number. See {@link NotificationEngine#deliveryListener(ThreadStoreLocator)}.
 */
@FunctionalInterface
public interface ThreadStoreLocator {
  /** The build's thread store, or empty when the build no longer exists. */
  Optional<ThreadStore> forBuild(String jobName, int buildNumber);

  /** Finds nothing: threads of notifications resumed after a restart are not recorded. */
  static ThreadStoreLocator none() {
    return (jobName, buildNumber) -> Optional.empty();
  }
}
