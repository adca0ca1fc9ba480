package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

final class InMemoryThreadStore implements ThreadStore {
  private final Map<String, PostRef> buildThreads = new ConcurrentHashMap<>();
  private final Map<String, PostRef> incidents;

  /** A build's store whose open incidents are the job's, shared with the job's other builds. */
  InMemoryThreadStore(Map<String, PostRef> jobIncidents) {
    this.incidents = requireNonNull(jobIncidents, "jobIncidents == null");
  }

  @Override
  public Optional<PostRef> buildThread(String channel) {
    return Optional.ofNullable(buildThreads.get(channel));
  }

  @Override
  public void saveBuildThread(String channel, PostRef root) {
    buildThreads.put(channel, requireNonNull(root, "root == null"));
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

  @Override
  public String toString() {
    return "ThreadStore.inMemory()";
  }
}
