package org.commandcenter.notifier.core.chatops;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.commandcenter.mattermost.ActionRequest;
import org.commandcenter.mattermost.ActionResponse;
import org.commandcenter.mattermost.PostUpdate;
import org.commandcenter.mattermost.StoredPost;
import org.commandcenter.notifier.core.AbortOutcome;
import org.commandcenter.notifier.core.ActionContext;
import org.commandcenter.notifier.core.ActionSigner;
import org.commandcenter.notifier.core.AuditEvent;
import org.commandcenter.notifier.core.AuditSink;
import org.commandcenter.notifier.core.ChatAction;
import org.commandcenter.notifier.core.ChatOpsConfig;
import org.commandcenter.notifier.core.ChatOpsException;
import org.commandcenter.notifier.core.ChatOpsPort;
import org.commandcenter.notifier.core.ChatUser;
import org.commandcenter.notifier.core.Claim;
import org.commandcenter.notifier.core.ClaimStore;
import org.commandcenter.notifier.core.JobInfo;
import org.commandcenter.notifier.core.JobPermission;
import org.commandcenter.notifier.core.NotificationLog;
import org.commandcenter.notifier.core.ScheduledBuild;

/**
 * One click on an alert's button, from a verified context to Jenkins and back: who clicked, may they, do it, show it
 * in place, write it in the thread, and tell refusals only to the clicker ({@code ephemeral_text}).
 */
final class ActionClicks {
  /** How long a rebuild may wait in the queue before the answer goes without its build number. */
  private static final Duration START_WAIT = Duration.ofSeconds(2);

  private final ActionSigner signer;
  private final ChatOpsPort port;
  private final ClaimStore store;
  private final AlertPosts posts;
  private final Identities identities;
  private final RateLimiter rateLimiter;
  private final AuditSink audit;
  private final ChatOpsConfig config;
  private final Clock clock;

  ActionClicks(ActionSigner signer, ChatOpsPort port, ClaimStore store, AlertPosts posts, Identities identities,
      RateLimiter rateLimiter, AuditSink audit, ChatOpsConfig config, Clock clock) {
    this.signer = signer;
    this.port = port;
    this.store = store;
    this.posts = posts;
    this.identities = identities;
    this.rateLimiter = rateLimiter;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
  }

  /** What to answer; the update, when late, goes through the API instead (see {@link ChatOpsService}). */
  record Answer(String ephemeral, PostUpdate update) {
    static Answer say(String text) {
      return new Answer(text, null);
    }

    ActionResponse toResponse() {
      ActionResponse.Builder response = ActionResponse.builder().update(update).skipSlackParsing(true);
      if (ephemeral != null) {
        response.ephemeralText(ephemeral);
      }
      return response.build();
    }
  }

  Answer click(ActionRequest request) {
    ActionSigner.Verification verification = signer.verify(request.context());
    if (!verification.isValid()) {
      record(request.userName(), null, "button", null, 0, false,
          "context refused: " + verification.refusal().name().toLowerCase(java.util.Locale.ROOT));
      return Answer.say(":no_entry: " + verification.refusal().explanation());
    }
    ActionContext alert = verification.context();
    String verb = alert.action().wireId();
    if (!alert.channel().isEmpty() && !alert.channel().equals(request.channelName())
        && !alert.channel().equals(request.channelId())) {
      record(request.userName(), null, verb, alert.job(), alert.build(), false, "button from another channel");
      return Answer.say(":no_entry: This button was made for another channel; nothing was done.");
    }
    Duration wait = rateLimiter.acquire(request.userId());
    if (!wait.isZero()) {
      record(request.userName(), null, verb, alert.job(), alert.build(), false, "rate limited");
      return Answer.say(":hourglass: Slow down: at most " + config.rateLimitRequests() + " requests per "
          + Texts.seconds(config.rateLimitPeriod()) + ". Try again in " + Texts.seconds(wait) + ".");
    }
    Identities.Identity who = identities.identify(request.userId());
    if (!who.isKnown()) {
      record(who.name(), null, verb, alert.job(), alert.build(), false, "no Jenkins user");
      return Answer.say(who.refusal());
    }
    ChatUser user = who.user();
    Optional<JobInfo> job = port.findJob(user, alert.job());
    if (job.isEmpty()) {
      record(user, verb, alert, false, "job not found or not readable");
      return Answer.say(Texts.noSuchJob(alert.job(), List.of()));
    }
    Set<JobPermission> permissions = port.permissions(user, alert.job());
    JobPermission needed = alert.action().permission();
    if (!permissions.contains(JobPermission.READ) || !permissions.contains(needed)) {
      JobPermission missing = permissions.contains(JobPermission.READ) ? needed : JobPermission.READ;
      record(user, verb, alert, false, "missing " + missing.displayName());
      return Answer.say(Texts.missing(missing, permissions, alert.job(), doing(alert.action())));
    }
    try {
      switch (alert.action()) {
        case CLAIM:
          return claim(request, user, alert);
        case RELEASE:
          return release(request, user, alert);
        case SHOW_LOG:
          return showLog(user, alert);
        case REBUILD:
          return rebuild(request, user, alert);
        case ABORT:
          return abort(request, user, alert);
        default:
          throw new AssertionError(alert.action());
      }
    } catch (ChatOpsException e) {
      record(user, verb, alert, true, "failed: " + e.getMessage());
      return Answer.say(":warning: Jenkins could not " + doing(alert.action()) + ": " + Texts.plain(e.getMessage()));
    }
  }

  private Answer claim(ActionRequest request, ChatUser user, ActionContext alert) {
    Claim mine = new Claim(request.userId(), user.mattermostUsername(), clock.instant());
    Claim holder = store.claim(AlertPosts.claimKey(alert), mine);
    Optional<StoredPost> post = posts.read(request.postId());
    PostUpdate update = post.flatMap(p -> posts.current(p, alert, AlertPosts.none())).orElse(null);
    if (!holder.mattermostUserId().equals(request.userId())) {
      record(user, "claim", alert, true, "already claimed by @" + holder.username());
      return new Answer(":raising_hand: " + Texts.who(holder.username()) + " is already on it ("
          + Texts.ago(Duration.between(holder.since(), clock.instant())) + ").", update);
    }
    record(user, "claim", alert, true, "claimed");
    post.ifPresent(p -> posts.reply(p.threadRootId(), request.channelId(),
        ":raising_hand: " + Texts.who(user.mattermostUsername()) + " is on it."));
    return new Answer(null, update);
  }

  private Answer release(ActionRequest request, ChatUser user, ActionContext alert) {
    String key = AlertPosts.claimKey(alert);
    boolean released = store.release(key, request.userId());
    Optional<StoredPost> post = posts.read(request.postId());
    PostUpdate update = post.flatMap(p -> posts.current(p, alert, AlertPosts.none())).orElse(null);
    if (!released) {
      Optional<Claim> holder = store.holder(key);
      record(user, "release", alert, false, holder.map(h -> "held by @" + h.username()).orElse("nobody on it"));
      return new Answer(holder.map(h -> ":raising_hand: " + Texts.who(h.username()) + " is on it; only "
          + Texts.who(h.username()) + " can release it.").orElse("Nobody is on it any more."), update);
    }
    record(user, "release", alert, true, "released");
    post.ifPresent(p -> posts.reply(p.threadRootId(), request.channelId(),
        ":wave: " + Texts.who(user.mattermostUsername()) + " released it; nobody is on it now."));
    return new Answer(null, update);
  }

  private Answer showLog(ChatUser user, ActionContext alert) throws ChatOpsException {
    List<String> lines = port.logTail(user, alert.job(), alert.build(), config.logTailLines());
    record(user, "showlog", alert, true, "showed " + lines.size() + " lines");
    return Answer.say(Texts.logTail(alert.job(), alert.build(), Texts.redacted(lines, config.logRedactor())));
  }

  private Answer rebuild(ActionRequest request, ChatUser user, ActionContext alert) throws ChatOpsException {
    String key = AlertPosts.onceKey(ChatAction.REBUILD, alert);
    Claim by = new Claim(request.userId(), user.mattermostUsername(), clock.instant());
    Optional<Claim> earlier = store.spend(key, by);
    Optional<StoredPost> post = posts.read(request.postId());
    if (earlier.isPresent()) {
      record(user, "rebuild", alert, false, "already rebuilt by @" + earlier.get().username());
      return new Answer(":repeat: " + Texts.build(alert.job(), alert.build()) + " was already rebuilt by "
          + Texts.who(earlier.get().username()) + " (" + Texts.ago(Duration.between(earlier.get().since(),
          clock.instant())) + ").", post.flatMap(p -> posts.current(p, alert, AlertPosts.none())).orElse(null));
    }
    ScheduledBuild scheduled;
    try {
      scheduled = port.rebuild(user, alert.job(), alert.build());
    } catch (ChatOpsException | RuntimeException e) {
      store.unspend(key);
      throw e;
    }
    String byWhom = "by " + Texts.who(user.mattermostUsername());
    Integer number = Waits.within(scheduled.started(), START_WAIT);
    String thread = post.map(StoredPost::threadRootId).orElse(null);
    if (number != null) {
      record(user, "rebuild", alert, true, "started #" + number);
      if (thread != null) {
        posts.reply(thread, request.channelId(), ":repeat: Rebuilt " + byWhom + " as #" + number + ".");
      }
    } else {
      record(user, "rebuild", alert, true, "queued");
      scheduled.started().whenComplete((started, error) -> {
        if (error != null) {
          store.unspend(key);
          record(user, "rebuild", alert, false, "never started: " + NotificationLog.reason(asException(error)));
          if (thread != null) {
            posts.reply(thread, request.channelId(), ":warning: The rebuild requested " + byWhom
                + " left the queue without starting.");
          }
          posts.refresh(request.postId(), alert, List.of(AlertPosts.FieldEdit.remove(AlertPosts.REBUILT)));
          return;
        }
        record(user, "rebuild", alert, true, "started #" + started);
        if (thread != null) {
          posts.reply(thread, request.channelId(), ":repeat: Rebuilt " + byWhom + " as #" + started + ".");
        }
        posts.refresh(request.postId(), alert,
            List.of(AlertPosts.FieldEdit.set(AlertPosts.REBUILT, byWhom + " as #" + started)));
      });
    }
    String shown = number != null ? byWhom + " as #" + number : byWhom + " (waiting in the queue)";
    return new Answer(null, post.flatMap(p -> posts.current(p, alert,
        List.of(AlertPosts.FieldEdit.set(AlertPosts.REBUILT, shown)))).orElse(null));
  }

  private Answer abort(ActionRequest request, ChatUser user, ActionContext alert) throws ChatOpsException {
    String key = AlertPosts.onceKey(ChatAction.ABORT, alert);
    Optional<Claim> earlier = store.spend(key, new Claim(request.userId(), user.mattermostUsername(),
        clock.instant()));
    Optional<StoredPost> post = posts.read(request.postId());
    if (earlier.isPresent()) {
      record(user, "abort", alert, false, "already aborted by @" + earlier.get().username());
      return new Answer(":no_entry_sign: " + Texts.who(earlier.get().username()) + " already aborted "
          + Texts.build(alert.job(), alert.build()) + ".",
          post.flatMap(p -> posts.current(p, alert, AlertPosts.none())).orElse(null));
    }
    AbortOutcome outcome;
    try {
      outcome = port.abort(user, alert.job(), alert.build());
    } catch (ChatOpsException | RuntimeException e) {
      store.unspend(key);
      throw e;
    }
    record(user, "abort", alert, true, outcome.name().toLowerCase(java.util.Locale.ROOT));
    String byWhom = "by " + Texts.who(user.mattermostUsername());
    if (outcome == AbortOutcome.NOT_RUNNING) {
      return new Answer(Texts.build(alert.job(), alert.build()) + " had already finished; nothing to abort.",
          post.flatMap(p -> posts.current(p, alert, AlertPosts.none())).orElse(null));
    }
    String what = outcome == AbortOutcome.ABORTED ? "Aborted " : "Removed from the queue ";
    post.ifPresent(p -> posts.reply(p.threadRootId(), request.channelId(), ":no_entry_sign: " + what + byWhom + "."));
    return new Answer(null, post.flatMap(p -> posts.current(p, alert,
        List.of(AlertPosts.FieldEdit.set(AlertPosts.ABORTED, byWhom)))).orElse(null));
  }

  private static Exception asException(Throwable error) {
    Throwable cause = error.getCause() != null && error instanceof java.util.concurrent.CompletionException
        ? error.getCause() : error;
    return cause instanceof Exception ? (Exception) cause : new Exception(cause);
  }

  static String doing(ChatAction action) {
    switch (action) {
      case REBUILD:
        return "rebuild it";
      case ABORT:
        return "abort it";
      case SHOW_LOG:
        return "read its log";
      default:
        return "claim its alerts";
    }
  }

  private void record(ChatUser user, String action, ActionContext alert, boolean allowed, String outcome) {
    audit.record(new AuditEvent(clock.instant(), user.mattermostUsername(), user.jenkinsId(), action, alert.job(),
        alert.build(), allowed, outcome));
  }

  private void record(String who, String jenkinsUser, String action, String job, int build, boolean allowed,
      String outcome) {
    audit.record(new AuditEvent(clock.instant(), who, jenkinsUser, action, job, build, allowed, outcome));
  }
}
