package org.commandcenter.notifier.core;

import java.util.Optional;

/**
 * Where the notifier remembers its threads between the "started" and the "completed" notification and between
 * builds. The Jenkins adapter keeps build threads on the Run and the open incident on the Job. Keys are channels
 * as in {@link NotifyConfig#channels()} ({@code ""} for a webhook's default channel).
 */
public interface ThreadStore {
  /** This build's root post in the channel, if one was created. */
  Optional<PostRef> buildThread(String channel);

  void saveBuildThread(String channel, PostRef root);

  /** The job's open incident in the channel: the thread of the failure that is not fixed yet. */
  Optional<PostRef> openIncident(String channel);

  void saveOpenIncident(String channel, PostRef root);

  void closeIncident(String channel);

  /** A store that remembers nothing: every notification starts a new root post. */
  static ThreadStore none() {
    return NoThreadStore.INSTANCE;
  }
}
