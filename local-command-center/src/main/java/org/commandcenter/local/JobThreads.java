package org.commandcenter.local;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.commandcenter.notifier.core.PostRef;
import org.commandcenter.notifier.core.ThreadStore;

/**
 * What the Jenkins adapter keeps between notifications, in memory: the open incident per channel on the job, and
 * each build's root post per channel on the build ({@link #forBuild(int)}).
 */
final class JobThreads {
  private final Map<String, PostRef> incidents = new ConcurrentHashMap<>();
  private final Map<Integer, Map<String, PostRef>> builds = new ConcurrentHashMap<>();

  /** The store the engine uses for one build of this job. */
  ThreadStore forBuild(int buildNumber) {
    Map<String, PostRef> threads = builds.computeIfAbsent(buildNumber, n -> new ConcurrentHashMap<>());
    return new ThreadStore() {
      @Override
      public Optional<PostRef> buildThread(String channel) {
        return Optional.ofNullable(threads.get(channel));
      }

      @Override
      public void saveBuildThread(String channel, PostRef root) {
        threads.put(channel, requireNonNull(root, "root == null"));
      }

      @Override
      public Optional<PostRef> openIncident(String channel) {
        return Optional.ofNullable(incidents.get(channel));
      }

      @Override
      public void saveOpenIncident(String channel, PostRef root) {
        incidents.put(channel, requireNonNull(root, "root == null"));
      }

      @Override
      public void closeIncident(String channel) {
        incidents.remove(channel);
      }
    };
  }
}
