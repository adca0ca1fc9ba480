package org.commandcenter.notifier.core.chatops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.MattermostException;
import org.commandcenter.mattermost.User;
import org.commandcenter.notifier.core.ChatOpsPort;
import org.commandcenter.notifier.core.ChatUser;
import org.commandcenter.notifier.core.MattermostUser;
import org.commandcenter.notifier.core.NotificationLog;

/**
 * Who is asking: the request's user id looked up in Mattermost with the bot token (cached briefly), then mapped to a
 * Jenkins user by the port. The request's user name is never trusted for this.
 */
final class Identities {
  private final MattermostClient client;
  private final ChatOpsPort port;
  private final Duration ttl;
  private final Clock clock;
  private final NotificationLog log;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  Identities(MattermostClient client, ChatOpsPort port, Duration ttl, Clock clock, NotificationLog log) {
    this.client = client;
    this.port = port;
    this.ttl = ttl;
    this.clock = clock;
    this.log = log;
  }

  /** The user acted as, or why there is none, in words for the person who asked. */
  record Identity(ChatUser user, String name, String refusal) {
    boolean isKnown() {
      return user != null;
    }
  }

  Identity identify(String mattermostUserId) {
    User user;
    try {
      user = lookUp(mattermostUserId);
    } catch (MattermostException e) {
      if (e.statusCode() == 404) {
        return new Identity(null, mattermostUserId, ":no_entry: Mattermost does not know the account that asked; "
            + "nothing was done.");
      }
      log.notice("ChatOps could not look up Mattermost user " + mattermostUserId + ": " + NotificationLog.reason(e));
      return new Identity(null, mattermostUserId, ":warning: Jenkins could not ask Mattermost who you are "
          + "(the Jenkins log says why); nothing was done.");
    }
    if (user.isDeactivated() || user.isBot()) {
      return new Identity(null, user.username(), ":no_entry: " + (user.isBot() ? "Bots" : "Deactivated accounts")
          + " cannot act in Jenkins.");
    }
    MattermostUser who = new MattermostUser(user.id(), user.username(), user.email());
    Optional<ChatUser> chatUser = port.identify(who);
    if (chatUser.isEmpty()) {
      return new Identity(null, user.username(), ":no_entry: Your Mattermost account " + Texts.who(user.username())
          + " is not linked to a Jenkins user, so Jenkins does nothing on your behalf. Ask a Jenkins administrator "
          + "to link it (Mattermost notifier, ChatOps user mapping).");
    }
    return new Identity(chatUser.get(), user.username(), null);
  }

  private User lookUp(String id) throws MattermostException {
    Instant now = clock.instant();
    Cached cached = cache.get(id);
    if (cached != null && cached.expires.isAfter(now)) {
      return cached.user;
    }
    User user = client.user(id);
    if (!ttl.isZero()) {
      cache.put(id, new Cached(user, now.plus(ttl)));
    }
    return user;
  }

  private record Cached(User user, Instant expires) {}
}
