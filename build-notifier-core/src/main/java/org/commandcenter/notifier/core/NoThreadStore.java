package org.commandcenter.notifier.core;

import java.util.Optional;

enum NoThreadStore implements ThreadStore {
  INSTANCE;

  @Override
  public Optional<PostRef> buildThread(String channel) {
    return Optional.empty();
  }

  @Override
  public void saveBuildThread(String channel, PostRef root) {}

  @Override
  public Optional<PostRef> openIncident(String channel) {
    return Optional.empty();
  }

  @Override
  public void saveOpenIncident(String channel, PostRef root) {}

  @Override
  public void closeIncident(String channel) {}

  @Override
  public String toString() {
    return "ThreadStore.none()";
  }
}
