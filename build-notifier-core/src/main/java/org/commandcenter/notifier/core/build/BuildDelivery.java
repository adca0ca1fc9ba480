package org.commandcenter.notifier.core.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.MattermostException;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.PostResult;
import org.commandcenter.mattermost.Priority;
import org.commandcenter.mattermost.User;
import org.commandcenter.mattermost.rules.Usernames;
import org.commandcenter.mattermost.warroom.WarRoom;
import org.commandcenter.notifier.core.BuildEvent;
import org.commandcenter.notifier.core.BuildFacts;
import org.commandcenter.notifier.core.BuildResult;
import org.commandcenter.notifier.core.Change;
import org.commandcenter.notifier.core.NotificationLog;
import org.commandcenter.notifier.core.NotifyConfig;
import org.commandcenter.notifier.core.NotifyOutcome;
import org.commandcenter.notifier.core.PostRef;
import org.commandcenter.notifier.core.ThreadStore;
import org.commandcenter.notifier.core.WarRoomConfig;

/**
 * Delivers one build notification to every configured channel. Over REST: one root post per build, updated in
 * place, details as thread replies, incident threads across builds. Over a webhook: one rich post.
 */
public final class BuildDelivery {
  /** Culprit lookups are one request each; a merge of hundreds of commits must not become hundreds of calls. */
  static final int MAX_CULPRIT_LOOKUPS = 10;

  private final MattermostClient client;
  private final ThreadStore store;
  private final NotificationLog log;
  private final NotifyConfig config;
  private final MessageRenderer renderer;

  public BuildDelivery(MattermostClient client, ThreadStore store, NotificationLog log, NotifyConfig config) {
    this.client = client;
    this.store = store;
    this.log = log;
    this.config = config;
    this.renderer = new MessageRenderer(config);
  }

  public NotifyOutcome deliver(BuildFacts facts) {
    Optional<BuildEvent> decided = EventDecider.decide(facts, config);
    List<String> channels = targets();
    List<String> sent = new ArrayList<>();
    Map<String, String> failures = new LinkedHashMap<>();
    if (decided.isEmpty()) {
      if (!facts.isRunning() && !client.isWebhook()) {
        finishSilently(facts, channels, sent, failures);
      }
      return NotifyOutcome.of(null, sent, failures, false);
    }
    BuildEvent event = decided.get();
    if (!client.isWebhook() && config.channels().isEmpty()) {
      String error = "channels: at least one channel is required with a bot token (the REST API)";
      log.line(NotificationLog.PREFIX + "Could not notify: " + error);
      return NotifyOutcome.of(event, sent, Map.of("", error), false);
    }
    List<String> culprits = null;
    for (String channel : channels) {
      try {
        if (client.isWebhook()) {
          client.sendAllowingLessPriority(renderer.single(facts, event, channel, warRoomLink(facts)).newBuilder()
              .priority(opensIncident(facts, event, channel) ? urgentPriority(facts) : null).build(), log::notice);
        } else {
          if (culprits == null) {
            culprits = culprits(facts, event);
          }
          deliverRest(facts, event, channel, culprits);
        }
        sent.add(channel);
        log.line(NotificationLog.PREFIX + Status.words(event) + " notification sent to " + describe(channel));
      } catch (MattermostException | RuntimeException e) {
        String error = NotificationLog.reason(e);
        failures.put(channel, error);
        log.line(NotificationLog.PREFIX + "Could not notify " + describe(channel) + ": " + error);
      }
    }
    return NotifyOutcome.of(event, sent, failures, false);
  }

  private void deliverRest(BuildFacts facts, BuildEvent event, String channel, List<String> culprits)
      throws MattermostException {
    Optional<PostRef> existing = store.buildThread(channel);
    String warRoomLink = warRoomLink(facts);
    Post root = renderer.root(facts, event, channel, warRoomLink);
    if (event == BuildEvent.STARTED) {
      if (existing.isPresent()) {
        client.update(existing.get().postId(), root);
      } else {
        PostResult created = client.send(root);
        store.saveBuildThread(channel, PostRef.of(created.postId(), created.channelId()));
      }
      return;
    }

    Optional<PostRef> incident = store.openIncident(channel);
    boolean opensIncident = event.isTrouble() && incident.isEmpty();
    Priority priority = opensIncident ? urgentPriority(facts) : null;
    PostRef rootRef;
    PostRef incidentRef;
    if (existing.isPresent()) {
      rootRef = existing.get();
      client.update(rootRef.postId(), root);
      incidentRef = rootRef;
      if (priority != null) {
        // Priority is fixed when a post is created: raise the alarm with a post of its own.
        PostResult alert = client.sendAllowingLessPriority(
            renderer.alert(facts, event, channel, warRoomLink).newBuilder().priority(priority).build(), log::notice);
        incidentRef = PostRef.of(alert.postId(), alert.channelId());
      }
    } else {
      PostResult created = client.sendAllowingLessPriority(root.newBuilder().priority(priority).build(), log::notice);
      rootRef = PostRef.of(created.postId(), created.channelId());
      store.saveBuildThread(channel, rootRef);
      incidentRef = rootRef;
    }

    if (opensIncident) {
      // Remembered before the details go out: a failed reply must not lose the incident.
      store.saveOpenIncident(channel, incidentRef);
    }

    String replyChannel = rootRef.channelId() != null ? rootRef.channelId() : channel;
    for (Post detail : renderer.details(facts, event, replyChannel)) {
      client.reply(rootRef.postId(), detail);
    }
    if (!culprits.isEmpty()) {
      client.reply(rootRef.postId(), renderer.culprits(culprits, replyChannel));
    }

    if (event.isTrouble()) {
      if (!opensIncident && !incident.get().postId().equals(rootRef.postId())) {
        client.reply(incident.get().postId(), renderer.stillFailing(facts, event, replyOf(incident.get(), channel)));
      }
    } else if (facts.result() == BuildResult.SUCCESS && incident.isPresent()) {
      if (event == BuildEvent.BACK_TO_NORMAL) {
        client.reply(incident.get().postId(), renderer.backToNormal(facts, replyOf(incident.get(), channel)));
      }
      store.closeIncident(channel);
    }
  }

  /**
   * No event is enabled for this result, but a root post made at "started" must not stay "started" forever, and
   * a success still ends the open incident.
   */
  private void finishSilently(BuildFacts facts, List<String> channels, List<String> sent,
      Map<String, String> failures) {
    BuildEvent natural = EventDecider.natural(facts);
    for (String channel : channels) {
      try {
        Optional<PostRef> existing = store.buildThread(channel);
        if (existing.isPresent()) {
          client.update(existing.get().postId(), renderer.root(facts, natural, channel, warRoomLink(facts)));
          sent.add(channel);
          log.line(NotificationLog.PREFIX + "Updated the build's post in " + describe(channel) + " to "
              + Status.words(natural));
        }
        if (facts.result() == BuildResult.SUCCESS) {
          store.closeIncident(channel);
        }
      } catch (MattermostException | RuntimeException e) {
        String error = NotificationLog.reason(e);
        failures.put(channel, error);
        log.line(NotificationLog.PREFIX + "Could not update the post in " + describe(channel) + ": " + error);
      }
    }
  }

  private boolean opensIncident(BuildFacts facts, BuildEvent event, String channel) {
    return event.isTrouble() && store.openIncident(channel).isEmpty();
  }

  /** Urgent with requested acknowledgement, for a failure of the main line (when configured). */
  private Priority urgentPriority(BuildFacts facts) {
    if (facts.result() != BuildResult.FAILURE || !config.urgentOnMainLineFailure() || !facts.isMainLine(config)) {
      return null;
    }
    return Priority.builder(Priority.Level.URGENT).requestedAck(true).build();
  }

  /** The War Room link for a main-line failure, when a War Room is configured. */
  private String warRoomLink(BuildFacts facts) {
    WarRoomConfig warRoom = config.warRoom();
    if (warRoom == null || facts.result() != BuildResult.FAILURE || !facts.isMainLine(config)) {
      return null;
    }
    String siteUrl = warRoom.siteUrl() != null ? warRoom.siteUrl() : client.siteUrl();
    return WarRoom.link(siteUrl, warRoom.team(), warRoom.channel());
  }

  /**
   * Mattermost usernames of the committers, for trouble events over REST: the ones the host vouches for, and, only
   * when the administrator turned it on, the ones found by commit e-mail. Lookup failures only cost the ping.
   */
  private List<String> culprits(BuildFacts facts, BuildEvent event) {
    if (!config.mentionCulprits() || !event.isTrouble() || facts.changes().isEmpty()) {
      return List.of();
    }
    Set<String> usernames = new LinkedHashSet<>();
    Set<String> emails = new LinkedHashSet<>();
    for (Change change : facts.changes()) {
      String username = change.authorUsername();
      String email = change.authorEmail();
      if (username != null) {
        String name = username.strip().toLowerCase(Locale.ROOT);
        if (Usernames.isMentionable(name)) {
          usernames.add(name);
        }
      } else if (config.culpritsByEmail() && email != null && email.contains("@") && !email.isBlank()) {
        emails.add(email.strip().toLowerCase(Locale.ROOT));
      }
    }
    int lookups = 0;
    for (String email : emails) {
      if (lookups++ == MAX_CULPRIT_LOOKUPS) {
        break;
      }
      try {
        Optional<User> user = client.userByEmail(email);
        if (user.isPresent() && !user.get().isBot() && Usernames.isMentionable(user.get().username())) {
          usernames.add(user.get().username());
        }
      } catch (MattermostException | RuntimeException e) {
        log.line(NotificationLog.PREFIX + "Could not look up a committer in Mattermost: " + NotificationLog.reason(e));
        break;
      }
    }
    return new ArrayList<>(usernames);
  }

  /** Channels to notify; a webhook without channels posts to its own default channel (key ""). */
  private List<String> targets() {
    if (config.channels().isEmpty()) {
      return List.of("");
    }
    return config.channels();
  }

  private static String replyOf(PostRef ref, String channel) {
    return ref.channelId() != null ? ref.channelId() : channel;
  }

  static String describe(String channel) {
    return channel.isEmpty() ? "the webhook's default channel" : "channel " + channel;
  }

}
