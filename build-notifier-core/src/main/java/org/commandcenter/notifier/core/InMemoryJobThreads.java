package org.commandcenter.notifier.core;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The thread state of one job kept in memory, as the Jenkins adapter keeps it on the job and its builds: the open
 * incident per channel belongs to the job, each build's root post per channel to that build.
 */
public final class InMemoryJobThreads {
  private final Map<String, PostRef> incidents = new ConcurrentHashMap<>();
  private final Map<Integer, ThreadStore> builds = new ConcurrentHashMap<>();

  /** The store the engine uses for one build of this job. */
  public ThreadStore forBuild(int buildNumber) {
    return builds.computeIfAbsent(buildNumber, number -> new InMemoryThreadStore(incidents));
  }
}
