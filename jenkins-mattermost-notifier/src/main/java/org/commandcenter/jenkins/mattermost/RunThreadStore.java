package org.commandcenter.jenkins.mattermost;

import hudson.model.Action;
import hudson.model.Job;
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
 *
 * <p>No lock of Jenkins' is held while calling out: the run's monitor is the one {@code Run.save()} takes
 * (jenkins-2.479.3 {@code hudson/model/Run.java}, {@code synchronized save()}), so holding it while other plugins'
 * action factories run or earlier builds load invites deadlocks. Earlier builds are looked up before the plugin's
 * own short lock is taken; the persisted action list is read directly ({@code getActions()}, without
 * {@code TransientActionFactory}s). A run that is gone from its job (discarded or deleted) is not saved:
 * {@code XmlFile.write} would recreate its directory.
 */
final class RunThreadStore implements ThreadStore {
  private static final Logger LOGGER = Logger.getLogger(RunThreadStore.class.getName());
  /** How far back to look for the last build that knew the open incidents. */
  static final int INHERIT_DEPTH = BuildFacts.HISTORY_DEPTH * 5;
  /** Guards get-or-add of the action; held for a list scan only. */
  private static final Object ACTION_LOCK = new Object();

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
    if (!stillBelongsToItsJob()) {
      LOGGER.log(Level.FINE, "Not saving Mattermost thread ids on {0}: the build is gone", run);
      return;
    }
    try {
      run.save();
    } catch (IOException e) {
      // The post went out; only its id is not remembered, so a later update becomes a new post.
      LOGGER.log(Level.WARNING, "Could not save Mattermost thread ids on " + run, e);
    }
  }

  private boolean stillBelongsToItsJob() {
    Job<?, ?> job = run.getParent();
    return job == null || job.getBuildByNumber(run.getNumber()) == run;
  }

  private MattermostRunAction action() {
    MattermostRunAction existing = persisted(run);
    if (existing != null) {
      return existing;
    }
    MattermostRunAction previous = previousAction();
    synchronized (ACTION_LOCK) {
      existing = persisted(run);
      if (existing != null) {
        return existing;
      }
      MattermostRunAction action = new MattermostRunAction();
      if (previous != null) {
        action.inheritOpenIncidents(previous);
      }
      run.addAction(action);
      return action;
    }
  }

  private MattermostRunAction previousAction() {
    Run<?, ?> r = run.getPreviousBuild();
    for (int i = 0; r != null && i < INHERIT_DEPTH; i++, r = r.getPreviousBuild()) {
      MattermostRunAction a = persisted(r);
      if (a != null) {
        return a;
      }
    }
    return null;
  }

  /** The action in the run's persisted list, without asking other plugins' transient action factories. */
  @SuppressWarnings("deprecation")
  private static MattermostRunAction persisted(Run<?, ?> run) {
    for (Action action : run.getActions()) {
      if (action instanceof MattermostRunAction) {
        return (MattermostRunAction) action;
      }
    }
    return null;
  }
}
