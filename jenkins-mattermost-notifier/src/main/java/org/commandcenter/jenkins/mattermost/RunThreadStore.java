package org.commandcenter.jenkins.mattermost;

import hudson.model.Run;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.commandcenter.notifier.core.BuildFacts;
import org.commandcenter.notifier.core.PostRef;
import org.commandcenter.notifier.core.ThreadStore;

/**
 * The core's {@link ThreadStore} kept on Jenkins builds: a {@link MattermostRunAction} on each run. The open
 * incident of the job travels from build to build, so deleting old builds or restarting Jenkins loses nothing.
 */
final class RunThreadStore implements ThreadStore {
  private static final Logger LOGGER = Logger.getLogger(RunThreadStore.class.getName());
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
    try {
      run.save();
    } catch (IOException e) {
      // The post went out; only its id is not remembered, so a later update becomes a new post.
      LOGGER.log(Level.WARNING, "Could not save Mattermost thread ids on " + run, e);
    }
  }

  private MattermostRunAction action() {
    synchronized (run) {
      MattermostRunAction action = run.getAction(MattermostRunAction.class);
      if (action == null) {
        action = new MattermostRunAction();
        MattermostRunAction previous = previousAction();
        if (previous != null) {
          action.inheritOpenIncidents(previous);
        }
        run.addAction(action);
      }
      return action;
    }
  }

  private MattermostRunAction previousAction() {
    Run<?, ?> r = run.getPreviousBuild();
    for (int i = 0; r != null && i < INHERIT_DEPTH; i++, r = r.getPreviousBuild()) {
      MattermostRunAction a = r.getAction(MattermostRunAction.class);
      if (a != null) {
        return a;
      }
    }
    return null;
  }
}
