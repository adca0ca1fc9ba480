package org.commandcenter.jenkins.mattermost;

import hudson.Extension;
import hudson.model.listeners.ItemListener;
import jenkins.YesNoMaybe;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts this Jenkins' delivery engines once its jobs are loaded, so that notifications resumed from the outbox
 * find their builds, and closes them at shutdown, leaving what waits in the outbox for the next start.
 *
 * <p>An {@link ItemListener} rather than {@code @Initializer(after = InitMilestone.JOB_LOADED)}: the compile-only
 * API cannot mirror {@code InitMilestone} (it implements task-reactor's {@code Milestone}). jenkins-2.479.3
 * {@code core/src/main/java/jenkins/model/Jenkins.java} calls every {@code ItemListener.onLoaded()} in its
 * constructor right after the init reactor has run (all jobs loaded, COMPLETED reached), and
 * {@code onBeforeShutdown()} from {@code cleanUp()} ({@code fireBeforeShutdown}) when Jenkins stops; see
 * {@code core/src/main/java/hudson/model/listeners/ItemListener.java}.
 *
 * <p>Only there: neither a live install ({@code PluginManager.dynamicLoad}) nor "Reload Configuration from Disk"
 * calls {@code onLoaded()}. So the plugin cannot be loaded live ({@code dynamicLoadable = NO}, and
 * {@code Support-Dynamic-Loading: false} in its manifest): Jenkins installs or updates it with a restart, and the
 * outbox is never skipped.
 */
@Extension(dynamicLoadable = YesNoMaybe.NO)
public final class DeliveryLifecycle extends ItemListener {
  private static final Logger LOGGER = Logger.getLogger(DeliveryLifecycle.class.getName());

  @Override
  public void onLoaded() {
    PluginContext context = PluginContext.current();
    try {
      context.delivery().start(context, context.jenkinsHome());
    } catch (RuntimeException | LinkageError e) {
      // Never fail Jenkins' start: notifications then go through the in-memory engine. Jenkins' own loop around
      // onLoaded() (jenkins-2.479.3 Jenkins.java, constructor) catches only RuntimeException: an Error from here,
      // such as a class missing from the .hpi, would end the start.
      LOGGER.log(Level.WARNING, "Mattermost: the delivery engine could not be started; notifications are kept in"
          + " memory only", e);
    }
  }

  @Override
  public void onBeforeShutdown() {
    PluginContext.current().delivery().stop();
  }
}
