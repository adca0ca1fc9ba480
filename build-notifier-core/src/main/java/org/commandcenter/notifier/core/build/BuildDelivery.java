package org.commandcenter.notifier.core.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.commandcenter.mattermost.Delivery;
import org.commandcenter.mattermost.DeliveryResult;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.MattermostException;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.Priority;
import org.commandcenter.mattermost.Submission;
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
import org.commandcenter.notifier.core.delivery.Dispatch;
import org.commandcenter.notifier.core.delivery.ThreadEffects;

/**
 * Delivers one build notification to every configured channel, one delivery per channel through the delivery
 * engine. Over REST: one root post per build, updated in place, details as thread replies, incident threads across
 * builds. Over a webhook: one rich post. A build's deliveries to a channel share a coalesce key, so that its
 * "completed" replaces its "started" while that still waits; those that create a new post carry a summary, their
 * line in a digest.
 */
public final class BuildDelivery {
  /** Culprit lookups are one request each; a merge of hundreds of commits must not become hundreds of calls. */
  static final int MAX_CULPRIT_LOOKUPS = 10;

  private final MattermostClient client;
  private final ThreadStore store;
  private final NotificationLog log;
  private final NotifyConfig config;
  private final Dispatch dispatch;
  private final MessageRenderer renderer;

  public BuildDelivery(MattermostClient client, ThreadStore store, NotificationLog log, NotifyConfig config,
      Dispatch dispatch) {
    this.client = client;
    this.store = store;
    this.log = log;
    this.config = config;
    this.dispatch = dispatch;
    this.renderer = new MessageRenderer(config);
  }

  public NotifyOutcome deliver(BuildFacts facts) {
    Optional<BuildEvent> decided = EventDecider.decide(facts, config);
    if (decided.isEmpty()) {
      if (!facts.isRunning() && !client.isWebhook()) {
        return finishSilently(facts);
      }
      return NotifyOutcome.of(null, List.of(), Map.of(), false);
    }
    BuildEvent event = decided.get();
    if (!client.isWebhook() && config.channels().isEmpty()) {
      String error = "channels: at least one channel is required with a bot token (the REST API)";
      log.line(NotificationLog.PREFIX + "Could not notify: " + error);
      return NotifyOutcome.of(event, List.of(), Map.of("", error), false);
    }
    List<String> culprits = client.isWebhook() ? List.of() : culprits(facts, event);
    Map<String, String> failures = new LinkedHashMap<>();
    Map<String, Submission> submitted = new LinkedHashMap<>();
    for (String channel : targets()) {
      try {
        submitted.put(channel, client.isWebhook() ? submitWebhook(facts, event, channel)
            : submitRest(facts, event, channel, culprits));
      } catch (RuntimeException e) {
        String error = NotificationLog.reason(e);
        failures.put(channel, error);
        log.line(NotificationLog.PREFIX + "Could not notify " + describe(channel) + ": " + error);
      }
    }
    List<String> sent = new ArrayList<>();
    boolean timedOut = report(submitted, sent, failures,
        channel -> Status.words(event) + " notification sent to " + describe(channel));
    return NotifyOutcome.of(event, sent, failures, timedOut);
  }

  private Submission submitWebhook(BuildFacts facts, BuildEvent event, String channel) {
    Post post = renderer.single(facts, event, channel, warRoomLink(facts)).newBuilder()
        .priority(event.isTrouble() && store.openIncident(channel).isEmpty() ? urgentPriority(facts) : null)
        .build();
    return dispatch.submit(delivery(facts, channel).post(post.newBuilder().channel(null).build())
        .summary(summary(facts, event)));
  }

  private Submission submitRest(BuildFacts facts, BuildEvent event, String channel, List<String> culprits) {
    Optional<PostRef> existing = event == BuildEvent.STARTED ? store.buildThread(channel)
        : dispatch.buildThread(store, facts.jobName(), facts.buildNumber(), channel);
    String warRoomLink = warRoomLink(facts);
    Post root = renderer.root(facts, event, channel, warRoomLink);
    Delivery.Builder delivery = delivery(facts, channel);
    ThreadEffects effects = new ThreadEffects(facts.jobName(), facts.buildNumber(), channel);
    if (event == BuildEvent.STARTED) {
      if (existing.isPresent()) {
        delivery.update(existing.get().postId(), root);
      } else {
        delivery.post(root).summary(summary(facts, event));
        effects.saveBuildThread(0);
      }
      return dispatch.submit(delivery, effects, store);
    }

    Optional<PostRef> incident = store.openIncident(channel);
    boolean opensIncident = event.isTrouble() && incident.isEmpty();
    Priority priority = opensIncident ? urgentPriority(facts) : null;
    // The thread root: an existing post (its id) or the post of step 0.
    String rootId = existing.map(PostRef::postId).orElse(null);
    if (existing.isPresent()) {
      delivery.update(rootId, root);
      if (priority != null) {
        // Priority is fixed when a post is created: raise the alarm with a post of its own.
        delivery.post(renderer.alert(facts, event, channel, warRoomLink).newBuilder().priority(priority).build());
        if (opensIncident) {
          effects.saveIncident(1);
        }
      } else if (opensIncident) {
        effects.saveIncident(existing.get());
      }
    } else {
      delivery.post(root.newBuilder().priority(priority).build()).summary(summary(facts, event));
      effects.saveBuildThread(0);
      if (opensIncident) {
        effects.saveIncident(0);
      }
    }

    List<Post> replies = new ArrayList<>(renderer.details(facts, event, channel));
    if (!culprits.isEmpty()) {
      replies.add(renderer.culprits(culprits, channel));
    }
    for (Post reply : replies) {
      if (rootId != null) {
        delivery.post(reply.newBuilder().rootId(rootId).build());
      } else {
        delivery.reply(0, reply);
      }
    }

    if (event.isTrouble()) {
      if (!opensIncident && !incident.get().postId().equals(rootId)) {
        delivery.post(renderer.stillFailing(facts, event, channel).newBuilder()
            .rootId(incident.get().postId()).build());
      }
    } else if (facts.result() == BuildResult.SUCCESS && incident.isPresent()) {
      if (event == BuildEvent.BACK_TO_NORMAL) {
        delivery.post(renderer.backToNormal(facts, channel).newBuilder().rootId(incident.get().postId()).build());
      }
      effects.closeIncident();
    }
    return dispatch.submit(delivery, effects, store);
  }

  /**
   * No event is enabled for this result, but a root post made at "started" must not stay "started" forever, and
   * a success still ends the open incident.
   */
  private NotifyOutcome finishSilently(BuildFacts facts) {
    BuildEvent natural = EventDecider.natural(facts);
    Map<String, Submission> submitted = new LinkedHashMap<>();
    Map<String, String> failures = new LinkedHashMap<>();
    for (String channel : targets()) {
      try {
        Optional<PostRef> existing = dispatch.buildThread(store, facts.jobName(), facts.buildNumber(), channel);
        if (existing.isPresent()) {
          ThreadEffects effects = new ThreadEffects(facts.jobName(), facts.buildNumber(), channel);
          if (facts.result() == BuildResult.SUCCESS) {
            effects.closeIncident();
          }
          submitted.put(channel, dispatch.submit(delivery(facts, channel)
              .update(existing.get().postId(), renderer.root(facts, natural, channel, warRoomLink(facts))),
              effects, store));
        } else if (facts.result() == BuildResult.SUCCESS) {
          store.closeIncident(channel);
        }
      } catch (RuntimeException e) {
        String error = NotificationLog.reason(e);
        failures.put(channel, error);
        log.line(NotificationLog.PREFIX + "Could not update the post in " + describe(channel) + ": " + error);
      }
    }
    List<String> sent = new ArrayList<>();
    boolean timedOut = report(submitted, sent, failures,
        channel -> "Updated the build's post in " + describe(channel) + " to " + Status.words(natural));
    return NotifyOutcome.of(null, sent, failures, timedOut);
  }

  /**
   * Waits for the first attempts and says in the build log how each went. A delivery held for a digest counts as
   * sent: it goes out within seconds with the others.
   *
   * @return whether some delivery was still under way at the deadline
   */
  private boolean report(Map<String, Submission> submitted, List<String> sent, Map<String, String> failures,
      java.util.function.Function<String, String> done) {
    List<String> channels = new ArrayList<>(submitted.keySet());
    List<Optional<DeliveryResult>> results = dispatch.firstAttempts(new ArrayList<>(submitted.values()));
    boolean timedOut = false;
    for (int i = 0; i < channels.size(); i++) {
      String channel = channels.get(i);
      Optional<DeliveryResult> result = results.get(i);
      if (result.isEmpty() && !dispatch.waits()) {
        log.line(NotificationLog.PREFIX + "Notification queued for " + describe(channel)
            + "; it is sent in the background");
        continue;
      }
      if (result.isEmpty()) {
        timedOut = true;
        continue;
      }
      result.get().notices().forEach(log::notice);
      switch (result.get().status()) {
        case DELIVERED:
          sent.add(channel);
          log.line(NotificationLog.PREFIX + done.apply(channel));
          break;
        case DIGESTED:
        case QUEUED:
          sent.add(channel);
          log.line(NotificationLog.PREFIX + "Notification queued for " + describe(channel)
              + ": it goes out in a digest with the other notifications that came at the same time");
          break;
        case WAITING:
          failures.put(channel, result.get().error() + " (it is retried in the background)");
          log.line(NotificationLog.PREFIX + "Could not notify " + describe(channel) + ": " + result.get().error()
              + "; it stays queued and is retried in the background");
          break;
        default:
          String error = result.get().error() != null ? result.get().error() : result.get().status().toString();
          failures.put(channel, error);
          log.line(NotificationLog.PREFIX + "Could not notify " + describe(channel) + ": " + error);
      }
    }
    return timedOut;
  }

  /** A delivery of this build to a channel; {@code ""} is a webhook's own channel. */
  private Delivery.Builder delivery(BuildFacts facts, String channel) {
    return dispatch.delivery(channel.isEmpty() ? null : channel)
        .coalesceKey("build:" + facts.jobName() + "#" + facts.buildNumber() + ":" + channel);
  }

  /** The build's line in a digest: its title and what happened, linked to the build. */
  private static Delivery.Summary summary(BuildFacts facts, BuildEvent event) {
    String text = MessageRenderer.title(facts) + ": " + Status.words(event).toLowerCase(Locale.ROOT);
    if (text.length() > 300) {
      text = text.substring(0, 299) + "…";
    }
    String link = facts.buildUrl();
    return Delivery.Summary.of(severity(event), text,
        link != null && (link.startsWith("http://") || link.startsWith("https://")) ? link : null);
  }

  private static Delivery.Severity severity(BuildEvent event) {
    switch (event) {
      case FAILURE:
      case REPEATED_FAILURE:
      case REGRESSION:
        return Delivery.Severity.ERROR;
      case UNSTABLE:
        return Delivery.Severity.WARNING;
      case SUCCESS:
      case BACK_TO_NORMAL:
        return Delivery.Severity.SUCCESS;
      default:
        return Delivery.Severity.NOTICE;
    }
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
   * when the administrator turned it on, the ones found by commit e-mail, looked up before the notification is
   * queued (on the build's thread, within its deadline). Lookup failures only cost the ping.
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
    if (emails.isEmpty()) {
      return new ArrayList<>(usernames);
    }
    Optional<MattermostClient> reader = dispatch.reader();
    if (reader.isEmpty()) {
      log.line(NotificationLog.PREFIX + "Mattermost is not answering: committers are not looked up to be mentioned");
      return new ArrayList<>(usernames);
    }
    int lookups = 0;
    for (String email : emails) {
      if (lookups++ == MAX_CULPRIT_LOOKUPS) {
        break;
      }
      try {
        Optional<User> user = reader.get().userByEmail(email);
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

  static String describe(String channel) {
    return channel.isEmpty() ? "the webhook's default channel" : "channel " + channel;
  }
}
