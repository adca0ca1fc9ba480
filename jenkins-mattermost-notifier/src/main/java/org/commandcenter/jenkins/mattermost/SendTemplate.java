package org.commandcenter.jenkins.mattermost;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.notifier.core.NotificationEngine;
import org.commandcenter.notifier.core.NotificationException;
import org.commandcenter.notifier.core.NotificationLog;
import org.commandcenter.notifier.core.ThreadStore;

/**
 * The one way the freestyle notifier and {@code mattermostSend} talk to Mattermost: resolve the connection (the
 * secret in its proper context), build the client, run the engine, and turn every failure into one line in the
 * build log, or into an {@link AbortException} when the user asked for {@code failOnError}. Secrets are redacted
 * from whatever is reported; a chat problem never escapes otherwise.
 */
final class SendTemplate {
  static final String PREFIX = NotificationLog.PREFIX;
  private static final Logger LOGGER = Logger.getLogger(SendTemplate.class.getName());

  /**
   * What one notification sends, prepared from the settings before any secret is resolved, so that a problem in the
   * job's own configuration is reported as such.
   */
  @FunctionalInterface
  interface Delivery<T> {
    Send<T> prepare(ConnectionSettings settings) throws IOException, InterruptedException;
  }

  /** The prepared notification, handed to the engine. */
  @FunctionalInterface
  interface Send<T> {
    T send(NotificationEngine engine) throws NotificationException;
  }

  private SendTemplate() {
  }

  /**
   * @param choice  the job's or step's credential and endpoint over the global default
   * @param notSent what to return when nothing could be sent; the reason is already in the build log
   * @throws AbortException       only with {@code failOnError}
   * @throws InterruptedException when the build is being aborted
   */
  static <T> T run(PluginContext context, Run<?, ?> run, TaskListener listener, MattermostConnection.Choice choice,
      ThreadStore threads, boolean failOnError, Delivery<T> delivery, Function<String, T> notSent)
      throws AbortException, InterruptedException {
    NotificationLog log = listener.getLogger()::println;
    MattermostConnection connection = null;
    try {
      ConnectionSettings settings = context.settings();
      Send<T> send = delivery.prepare(settings);
      connection = context.connection(settings, choice, run);
      MattermostClient client = context.client(settings, connection);
      JenkinsDelivery.Route route = context.delivery().route(settings, choice, run, client);
      return send.send(context.engine(client, route, threads, log));
    } catch (NotificationException e) {
      // Only thrown with failOnError; the engine has logged the details.
      throw new AbortException(PREFIX + redact(e.getMessage(), connection));
    } catch (IllegalArgumentException e) {
      // A configuration or parameter error: the message names the field.
      return notSent(log, failOnError, redact(e.getMessage(), connection), notSent);
    } catch (IOException | RuntimeException | LinkageError e) {
      // Reading a workspace file failed, or a bug of ours (or a missing class): still never fails the build.
      String what = redact(e.toString(), connection);
      LOGGER.log(Level.WARNING, "Mattermost notification for {0} failed: {1}", new Object[] {run, what});
      return notSent(log, failOnError, Messages.get("notify.unexpected", what), notSent);
    }
  }

  private static <T> T notSent(NotificationLog log, boolean failOnError, String message, Function<String, T> notSent)
      throws AbortException {
    if (failOnError) {
      throw new AbortException(PREFIX + message);
    }
    log.line(PREFIX + Messages.get("notify.notSent", message));
    return notSent.apply(message);
  }

  private static String redact(String text, MattermostConnection connection) {
    if (connection == null) {
      return Redaction.redact(text, null);
    }
    return Redaction.redact(text, connection.isWebhook() ? connection.webhookUrl() : connection.token());
  }
}
