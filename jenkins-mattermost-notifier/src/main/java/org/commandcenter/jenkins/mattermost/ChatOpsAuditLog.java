package org.commandcenter.jenkins.mattermost;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.commandcenter.notifier.core.AuditEvent;
import org.commandcenter.notifier.core.AuditSink;

/**
 * Every ChatOps action, allowed or refused, in the Jenkins log (logger {@code org.commandcenter.jenkins.mattermost.
 * ChatOpsAuditLog}, INFO): who (Mattermost and Jenkins user), what, which job and build, and the outcome. The core's
 * events carry no token, signature or log line; line breaks are flattened so one event stays one log line.
 */
final class ChatOpsAuditLog implements AuditSink {
  private static final Logger LOGGER = Logger.getLogger(ChatOpsAuditLog.class.getName());

  @Override
  public void record(AuditEvent event) {
    LOGGER.log(Level.INFO, "{0}", event.toString().replaceAll("[\\r\\n\\u2028\\u2029]+", " "));
  }
}
