package org.commandcenter.jenkins.mattermost;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.notifier.core.BuildFacts;
import org.commandcenter.notifier.core.NotificationEngine;
import org.commandcenter.notifier.core.NotificationException;
import org.commandcenter.notifier.core.NotificationLog;
import org.commandcenter.notifier.core.NotifyConfig;
import org.commandcenter.notifier.core.NotifyOutcome;

/**
 * Runs one build notification through the core engine: resolves the credential in the run's context, builds the
 * client, and turns every failure into one line in the build log, or into an {@link AbortException} when the user
 * asked for {@code failOnError}. Never lets a chat problem escape otherwise.
 */
final class BuildNotifications {
  private static final Logger LOGGER = Logger.getLogger(BuildNotifications.class.getName());
  static final String PREFIX = "[Mattermost] ";

  private BuildNotifications() {
  }

  /**
   * @param credentialsId the job's credentials override, or null for the global one
   * @return the outcome, or null when nothing could be attempted (configuration error, already logged)
   */
  static NotifyOutcome notify(PluginContext context, Run<?, ?> run, TaskListener listener, BuildFacts facts,
      NotifyConfig config, ConnectionSettings settings, String credentialsId) throws AbortException {
    NotificationLog log = listener.getLogger()::println;
    String secret = null;
    try {
      String id = credentialsId != null ? credentialsId : settings.credentialsId();
      if (id == null) {
        throw new IllegalArgumentException(Messages.get("client.credentialsRequired"));
      }
      secret = SecretTexts.forRun("credentialsId", id, run);
      MattermostClient client = context.client(settings, secret, null);
      NotificationEngine engine = context.engine(client, new RunThreadStore(run), log);
      return engine.notify(facts, config);
    } catch (NotificationException e) {
      // Only thrown with failOnError; the engine already logged the details.
      throw new AbortException(PREFIX + Redaction.redact(e.getMessage(), secret));
    } catch (IllegalArgumentException e) {
      return configurationError(log, config.failOnError(), Redaction.redact(e.getMessage(), secret));
    } catch (RuntimeException | LinkageError e) {
      // A bug of ours (or a missing class) must not fail the build either.
      String what = Redaction.redact(e.toString(), secret);
      LOGGER.log(Level.WARNING, "Mattermost notification for {0} failed: {1}", new Object[] {run, what});
      return configurationError(log, config.failOnError(), Messages.get("notify.unexpected", what));
    }
  }

  /**
   * The facts or the configuration of a notification could not be put together (their builders name the field):
   * one line in the build log, or an {@link AbortException} with {@code failOnError}.
   */
  static void notPrepared(Run<?, ?> run, TaskListener listener, boolean failOnError, Throwable problem)
      throws AbortException {
    NotificationLog log = listener.getLogger()::println;
    if (problem instanceof IllegalArgumentException) {
      configurationError(log, failOnError, Redaction.redact(problem.getMessage(), null));
      return;
    }
    String what = Redaction.redact(problem.toString(), null);
    LOGGER.log(Level.WARNING, "Mattermost notification for {0} failed: {1}", new Object[] {run, what});
    configurationError(log, failOnError, Messages.get("notify.unexpected", what));
  }

  private static NotifyOutcome configurationError(NotificationLog log, boolean failOnError, String message)
      throws AbortException {
    if (failOnError) {
      throw new AbortException(PREFIX + message);
    }
    log.line(PREFIX + Messages.get("notify.notSent", message));
    return null;
  }
}
