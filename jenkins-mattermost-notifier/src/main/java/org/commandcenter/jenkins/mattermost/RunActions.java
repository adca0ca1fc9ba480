package org.commandcenter.jenkins.mattermost;

import hudson.model.Action;
import hudson.model.Job;
import hudson.model.Run;
import java.io.IOException;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The plugin's own actions kept on builds, read and saved safely. No lock of Jenkins' is held while calling out: the
 * run's monitor is the one {@code Run.save()} takes (jenkins-2.479.3 {@code hudson/model/Run.java}, {@code synchronized
 * save()}), so holding it while other plugins' action factories run or earlier builds load invites deadlocks. The
 * persisted action list is read directly ({@code getActions()}, without {@code TransientActionFactory}s); get-or-add
 * takes the plugin's own short lock. A run that is gone from its job (discarded or deleted) is not saved:
 * {@code XmlFile.write} would recreate its directory.
 */
final class RunActions {
  private static final Logger LOGGER = Logger.getLogger(RunActions.class.getName());
  /** Guards get-or-add of an action; held for a list scan only. */
  private static final Object LOCK = new Object();

  private RunActions() {
  }

  /** The action of this type in the run's persisted list, without asking other plugins' action factories. */
  @SuppressWarnings("deprecation")
  static <A extends Action> A persisted(Run<?, ?> run, Class<A> type) {
    for (Action action : run.getActions()) {
      if (type.isInstance(action)) {
        return type.cast(action);
      }
    }
    return null;
  }

  /** The run's action of this type, added when missing; {@code create} runs under the lock, so keep it cheap. */
  static <A extends Action> A getOrAdd(Run<?, ?> run, Class<A> type, Supplier<A> create) {
    A existing = persisted(run, type);
    if (existing != null) {
      return existing;
    }
    synchronized (LOCK) {
      existing = persisted(run, type);
      if (existing != null) {
        return existing;
      }
      A action = create.get();
      run.addAction(action);
      return action;
    }
  }

  /** Saves the run unless it is gone from its job; a failure is logged, naming {@code what} was not saved. */
  static void save(Run<?, ?> run, String what) {
    if (!stillBelongsToItsJob(run)) {
      LOGGER.log(Level.FINE, "Not saving {0} on {1}: the build is gone", new Object[] {what, run});
      return;
    }
    try {
      run.save();
    } catch (IOException e) {
      LOGGER.log(Level.WARNING, "Could not save " + what + " on " + run, e);
    }
  }

  static boolean stillBelongsToItsJob(Run<?, ?> run) {
    Job<?, ?> job = run.getParent();
    return job == null || job.getBuildByNumber(run.getNumber()) == run;
  }
}
