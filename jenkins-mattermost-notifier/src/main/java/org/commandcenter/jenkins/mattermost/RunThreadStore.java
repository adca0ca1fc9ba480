package org.commandcenter.jenkins.mattermost;

import hudson.model.Run;
import java.util.Optional;
import java.util.function.Consumer;
import org.commandcenter.notifier.core.BuildFacts;
import org.commandcenter.notifier.core.PostRef;
import org.commandcenter.notifier.core.ThreadStore;

/**
 * The core's {@link ThreadStore} kept on Jenkins builds: a {@link MattermostRunAction} on each run. The open
 * incident of the job travels from build to build, so deleting old builds or restarting Jenkins loses nothing.
 *
 * <p>Read and saved through {@link RunActions}: no Jenkins lock held while calling out, no save of a build gone from
 * its job. Earlier builds are looked up before the plugin's own short lock is taken.
 */
final class RunThreadStore implements ThreadStore {
  /** How far back to look for the last build that knew the open incidents. */
  static final int INHERIT_DEPTH = BuildFacts.HISTORY_DEPTH * 5;

  private final Run<?, ?> run;

  RunThreadStore(Run<?, ?> run) {
    this.run = run;
  }

  @Override
  public Optional<PostRef> buildThread(String channel) {
    return Optional.ofNullable(action().buildThread(channel));
  }

  @Override
  public void saveBuildThread(String channel, PostRef root) {
    update(a -> a.saveBuildThread(channel, root));
  }

  @Override
  public Optional<PostRef> openIncident(String channel) {
    return Optional.ofNullable(action().openIncident(channel));
  }

  @Override
  public void saveOpenIncident(String channel, PostRef root) {
    update(a -> a.saveOpenIncident(channel, root));
  }

  @Override
  public void closeIncident(String channel) {
    update(a -> a.closeIncident(channel));
  }

  private void update(Consumer<MattermostRunAction> change) {
    change.accept(action());
    // The post went out; should the save fail, only its id is not remembered, so a later update is a new post.
    RunActions.save(run, "Mattermost thread ids");
  }

  private MattermostRunAction action() {
    MattermostRunAction existing = RunActions.persisted(run, MattermostRunAction.class);
    if (existing != null) {
      return existing;
    }
    // Earlier builds are looked up before the lock is taken.
    MattermostRunAction previous = previousAction();
    return RunActions.getOrAdd(run, MattermostRunAction.class, () -> {
      MattermostRunAction action = new MattermostRunAction();
      if (previous != null) {
        action.inheritOpenIncidents(previous);
      }
      return action;
    });
  }

  private MattermostRunAction previousAction() {
    Run<?, ?> r = run.getPreviousBuild();
    for (int i = 0; r != null && i < INHERIT_DEPTH; i++, r = r.getPreviousBuild()) {
      MattermostRunAction a = RunActions.persisted(r, MattermostRunAction.class);
      if (a != null) {
        return a;
      }
    }
    return null;
  }
}
