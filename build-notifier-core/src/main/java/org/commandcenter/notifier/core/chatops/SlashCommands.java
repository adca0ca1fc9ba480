package org.commandcenter.notifier.core.chatops;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.commandcenter.mattermost.CommandResponse;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.MattermostException;
import org.commandcenter.mattermost.SlashCommand;
import org.commandcenter.notifier.core.AbortOutcome;
import org.commandcenter.notifier.core.AuditEvent;
import org.commandcenter.notifier.core.AuditSink;
import org.commandcenter.notifier.core.BuildStatus;
import org.commandcenter.notifier.core.ChatOpsConfig;
import org.commandcenter.notifier.core.ChatOpsException;
import org.commandcenter.notifier.core.ChatOpsPort;
import org.commandcenter.notifier.core.ChatUser;
import org.commandcenter.notifier.core.JobInfo;
import org.commandcenter.notifier.core.JobPermission;
import org.commandcenter.notifier.core.NotificationLog;
import org.commandcenter.notifier.core.PostRef;
import org.commandcenter.notifier.core.ScheduledBuild;

/**
 * {@code /jenkins}: queries and errors answer only the person who typed ({@code ephemeral}), actions answer the
 * channel with who did it ({@code in_channel}); a build started from chat reports its number in the job's thread.
 */
final class SlashCommands {
  private final ChatOpsPort port;
  private final Identities identities;
  private final RateLimiter rateLimiter;
  private final AlertPosts posts;
  private final MattermostClient client;
  private final AuditSink audit;
  private final ChatOpsConfig config;
  private final Clock clock;
  private final NotificationLog log;

  SlashCommands(ChatOpsPort port, Identities identities, RateLimiter rateLimiter, AlertPosts posts,
      MattermostClient client, AuditSink audit, ChatOpsConfig config, Clock clock, NotificationLog log) {
    this.port = port;
    this.identities = identities;
    this.rateLimiter = rateLimiter;
    this.posts = posts;
    this.client = client;
    this.audit = audit;
    this.config = config;
    this.clock = clock;
    this.log = log;
  }

  /** The answer for the slash command; may block on the port (the caller keeps the deadline). */
  CommandResponse run(SlashCommand command) {
    String verb = "/" + config.trigger();
    if (!config.allowedTeamIds().isEmpty() && !config.allowedTeamIds().contains(command.teamId())) {
      record(command.userName(), null, verb, null, false, "team " + command.teamDomain() + " not allowed");
      return ephemeral(":no_entry: This Jenkins does not take " + verb + " from this team.");
    }
    ParsedCommand parsed;
    try {
      parsed = ParsedCommand.parse(command.text());
    } catch (IllegalArgumentException e) {
      return ephemeral(":question: " + Texts.plain(e.getMessage()) + ". Try `" + verb + " help`.");
    }
    if (parsed.kind() == ParsedCommand.Kind.HELP) {
      return ephemeral(Texts.help(config.trigger()));
    }
    String action = verb + " " + parsed.kind().name().toLowerCase(java.util.Locale.ROOT);
    Duration wait = rateLimiter.acquire(command.userId());
    if (!wait.isZero()) {
      record(command.userName(), null, action, parsed.job(), false, "rate limited");
      return ephemeral(":hourglass: Slow down: at most " + config.rateLimitRequests() + " requests per "
          + Texts.seconds(config.rateLimitPeriod()) + ". Try again in " + Texts.seconds(wait) + ".");
    }
    Identities.Identity who = identities.identify(command.userId());
    if (!who.isKnown()) {
      record(who.name(), null, action, parsed.job(), false, "no Jenkins user");
      return ephemeral(who.refusal());
    }
    ChatUser user = who.user();
    try {
      if (parsed.kind() == ParsedCommand.Kind.STATUS && parsed.job() == null) {
        return overview(user, action);
      }
      Optional<JobInfo> job = port.findJob(user, parsed.job());
      if (job.isEmpty()) {
        record(user, action, parsed.job(), 0, false, "job not found or not readable");
        return ephemeral(Texts.noSuchJob(parsed.job(), DidYouMean.suggest(parsed.job(), port.jobNames(user), 3)));
      }
      String name = job.get().fullName();
      JobPermission needed = parsed.kind() == ParsedCommand.Kind.BUILD ? JobPermission.BUILD
          : parsed.kind() == ParsedCommand.Kind.ABORT ? JobPermission.CANCEL : JobPermission.READ;
      Set<JobPermission> permissions = port.permissions(user, name);
      if (!permissions.contains(JobPermission.READ) || !permissions.contains(needed)) {
        JobPermission missing = permissions.contains(JobPermission.READ) ? needed : JobPermission.READ;
        record(user, action, name, parsed.number(), false, "missing " + missing.displayName());
        return ephemeral(Texts.missing(missing, permissions, name, doing(parsed.kind())));
      }
      switch (parsed.kind()) {
        case STATUS:
          return status(user, action, name, parsed.number());
        case LOG:
          return log(user, action, name, parsed.number());
        case BUILD:
          return build(command, user, action, name, parsed);
        case ABORT:
          return abort(user, action, name, parsed.number());
        default:
          throw new AssertionError(parsed.kind());
      }
    } catch (ChatOpsException e) {
      record(user, action, parsed.job(), parsed.number(), true, "failed: " + e.getMessage());
      return ephemeral(":warning: Jenkins could not do that: " + Texts.plain(e.getMessage()));
    }
  }

  private CommandResponse overview(ChatUser user, String action) {
    List<BuildStatus> builds = port.overview(user, config.overviewLimit());
    record(user, action, null, 0, true, builds.size() + " builds");
    if (builds.isEmpty()) {
      return ephemeral(":white_check_mark: Nothing you can see is failing or running.");
    }
    return ephemeral("**Failing or running** (what you can see):\n" + builds.stream()
        .map(status -> "- " + Texts.status(status)).collect(Collectors.joining("\n")));
  }

  private CommandResponse status(ChatUser user, String action, String job, int number) {
    Optional<BuildStatus> status = port.status(user, job, number);
    record(user, action, job, number, true, status.isPresent() ? "shown" : "no build");
    return ephemeral(status.map(Texts::status).orElse(Texts.job(job) + (number > 0 ? " has no build #" + number
        : " has not been built yet") + "."));
  }

  private CommandResponse log(ChatUser user, String action, String job, int number) throws ChatOpsException {
    int build = number > 0 ? number : port.status(user, job, 0).map(BuildStatus::number).orElse(0);
    if (build == 0) {
      record(user, action, job, 0, true, "no build");
      return ephemeral(Texts.job(job) + " has not been built yet.");
    }
    List<String> lines = Texts.redacted(port.logTail(user, job, build, config.logTailLines()), config.logRedactor());
    record(user, action, job, build, true, "showed " + lines.size() + " lines");
    return ephemeral(Texts.logTail(job, build, lines));
  }

  private CommandResponse build(SlashCommand command, ChatUser user, String action, String job, ParsedCommand parsed)
      throws ChatOpsException {
    ScheduledBuild scheduled = port.build(user, job, parsed.parameters());
    String byWhom = Texts.who(user.mattermostUsername());
    Integer number = Waits.within(scheduled.started(),
        Duration.ofMillis(Math.min(1500, config.answerWithin().toMillis() / 2)));
    String parameters = Texts.parameterNames(parsed.parameters().keySet());
    if (number != null) {
      record(user, action, job, number, true, "started #" + number);
      replyInJobThread(user, job, command, ":arrow_forward: " + Texts.build(job, number) + " started by " + byWhom
          + " from /" + config.trigger() + ".");
      return inChannel(":arrow_forward: " + byWhom + " started " + Texts.build(job, number) + parameters + ".");
    }
    record(user, action, job, 0, true, "queued");
    scheduled.started().whenComplete((started, error) -> {
      if (error != null) {
        record(user, action, job, 0, false, "never started");
        respond(command, CommandResponse.ephemeral(":warning: " + Texts.job(job)
            + " left the queue without starting.").build());
        return;
      }
      record(user, action, job, started, true, "started #" + started);
      String text = ":arrow_forward: " + Texts.build(job, started) + " started by " + byWhom + ".";
      if (!replyInJobThread(user, job, command, text)) {
        respond(command, CommandResponse.inChannel(text).skipSlackParsing(true).build());
      }
    });
    return inChannel(":hourglass_flowing_sand: " + byWhom + " queued a build of " + Texts.job(job) + parameters
        + "; its number follows when it starts.");
  }

  private CommandResponse abort(ChatUser user, String action, String job, int number) throws ChatOpsException {
    int build = number > 0 ? number : port.status(user, job, 0).map(BuildStatus::number).orElse(0);
    if (build == 0) {
      record(user, action, job, 0, true, "no build");
      return ephemeral(Texts.job(job) + " has not been built yet; nothing to abort.");
    }
    AbortOutcome outcome = port.abort(user, job, build);
    record(user, action, job, build, true, outcome.name().toLowerCase(java.util.Locale.ROOT));
    String byWhom = Texts.who(user.mattermostUsername());
    switch (outcome) {
      case ABORTED:
        return inChannel(":no_entry_sign: " + byWhom + " aborted " + Texts.build(job, build) + ".");
      case CANCELLED_IN_QUEUE:
        return inChannel(":no_entry_sign: " + byWhom + " took " + Texts.build(job, build) + " out of the queue.");
      default:
        return ephemeral(Texts.build(job, build) + " is not running; nothing to abort.");
    }
  }

  /** The build's outcome in the job's thread in this channel, when there is one; whether it was written. */
  private boolean replyInJobThread(ChatUser user, String job, SlashCommand command, String text) {
    Optional<PostRef> thread = port.jobThread(user, job, command.channelName());
    thread.ifPresent(ref -> posts.reply(ref.postId(), ref.channelId() != null ? ref.channelId() : command.channelId(),
        text));
    return thread.isPresent();
  }

  /** A later answer through the command's response_url (five within 30 minutes). */
  void respond(SlashCommand command, CommandResponse response) {
    try {
      client.respond(command.responseUrl(), response);
    } catch (MattermostException | IllegalArgumentException e) {
      log.notice("ChatOps could not answer /" + config.trigger() + " later: " + NotificationLog.reason(e));
    }
  }

  private static String doing(ParsedCommand.Kind kind) {
    switch (kind) {
      case BUILD:
        return "build it";
      case ABORT:
        return "abort it";
      case LOG:
        return "read its log";
      default:
        return "see it";
    }
  }

  static CommandResponse ephemeral(String text) {
    return CommandResponse.ephemeral(text).skipSlackParsing(true).build();
  }

  private static CommandResponse inChannel(String text) {
    return CommandResponse.inChannel(text).skipSlackParsing(true).build();
  }

  private void record(ChatUser user, String action, String job, int build, boolean allowed, String outcome) {
    audit.record(new AuditEvent(clock.instant(), user.mattermostUsername(), user.jenkinsId(), action, job, build,
        allowed, outcome));
  }

  private void record(String who, String jenkinsUser, String action, String job, boolean allowed, String outcome) {
    audit.record(new AuditEvent(clock.instant(), who, jenkinsUser, action, job, 0, allowed, outcome));
  }
}
