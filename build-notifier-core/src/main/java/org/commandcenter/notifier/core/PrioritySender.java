package org.commandcenter.notifier.core;

import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.MattermostException;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.PostResult;
import org.commandcenter.mattermost.Priority;

/**
 * Sends a post whose priority the server may refuse, and never loses the message over it. Mattermost answers
 * 403 {@code api.post.post_priority.priority_post_not_allowed_for_user.request_error} when message priority is
 * turned off, and 501 {@code license_error.feature_unavailable} for acknowledgements and persistent notifications
 * without a Professional licence (server/channels/app/post_priority.go postPriorityCheck) — common on self-hosted
 * Team Edition. The post is then sent again with less priority, and the build log says why.
 */
final class PrioritySender {
  static final String PRIORITY_DISABLED = "api.post.post_priority.priority_post_not_allowed_for_user.request_error";

  private PrioritySender() {}

  static PostResult send(MattermostClient client, Post post, NotificationLog log) throws MattermostException {
    try {
      return client.send(post);
    } catch (MattermostException e) {
      Priority priority = post.priority();
      if (priority == null) {
        throw e;
      }
      boolean extras = priority.requestedAck() || priority.persistentNotifications();
      if (e.statusCode() == 501 && extras) {
        log.line(NotificationLog.PREFIX + "This Mattermost has no licence for acknowledgements or persistent "
            + "notifications; sending the message as " + priority.level().wireValue() + " without them");
        return send(client, post.newBuilder().priority(Priority.builder(priority.level()).build()).build(), log);
      }
      boolean disabled = e.statusCode() == 403
          && (PRIORITY_DISABLED.equals(e.errorId()) || client.isWebhook());
      if (disabled || (e.statusCode() == 501 && client.isWebhook())) {
        log.line(NotificationLog.PREFIX + "Message priority is turned off on this Mattermost; "
            + "sending the message without priority");
        return client.send(post.newBuilder().priority(null).build());
      }
      throw e;
    }
  }
}
