package org.commandcenter.jenkins.mattermost;

import hudson.model.Action;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Executor;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.User;
import hudson.model.queue.QueueTaskFuture;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.security.Permission;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.CauseOfInterruption;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.commandcenter.notifier.core.AbortOutcome;
import org.commandcenter.notifier.core.BuildResult;
import org.commandcenter.notifier.core.BuildStatus;
import org.commandcenter.notifier.core.ChatOpsException;
import org.commandcenter.notifier.core.ChatOpsPort;
import org.commandcenter.notifier.core.ChatUser;
import org.commandcenter.notifier.core.JobInfo;
import org.commandcenter.notifier.core.JobPermission;
import org.commandcenter.notifier.core.MattermostUser;
import org.commandcenter.notifier.core.PostRef;
import org.commandcenter.notifier.core.ScheduledBuild;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * ChatOps' port over Jenkins. Every call but {@link #identify} runs as the Jenkins user the asker maps to:
 * {@code try (ACLContext c = ACL.as2(user.impersonate2())) {...}}, never as SYSTEM. So job lookups see what that user
 * sees (Jenkins filters {@code getItemByFullName} and {@code allItems} by the current authentication; a job they may
 * only discover reads as missing) and permissions are that user's ({@code job.hasPermission} under the context).
 * Jenkins' own scheduling, interrupt and queue calls check nothing, so every action checks its permission here first
 * (ChatOps checks too, before asking).
 *
 * <p>Builds are queued as the UI's "Build Now" queues them ({@code ParameterizedJob.scheduleBuild2}, which is
 * {@code ParameterizedJobMixIn.scheduleBuild2(job, quietPeriod, actions)} plus the queue item's future) with
 * {@code Cause.UserIdCause} of the asker, so the build says "Started by user …" and authorize-project's "run as the
 * user who triggered the build" applies. Aborting interrupts the build's executor with Jenkins'
 * {@code UserInterruption}, as the stop button does, for freestyle and Pipeline alike.
 */
final class JenkinsChatOpsPort implements ChatOpsPort {
  private static final Logger LOGGER = Logger.getLogger(JenkinsChatOpsPort.class.getName());
  /** {@code /jenkins status} looks at this many jobs at most, so a huge instance does not stall the answer. */
  static final int OVERVIEW_SCAN_LIMIT = 5000;
  /** How many recent builds {@link #jobThread} looks through for the job's thread in a channel. */
  static final int THREAD_LOOKBACK = 10;
  /** ACL.SYSTEM_USERNAME. */
  private static final String SYSTEM = "SYSTEM";

  private final JenkinsUserMapping users;
  private final ResolvedJobs resolved;
  private final BuildStarts starts;
  private final RecentLogTails logs;
  private final Supplier<String> rootUrl;

  /** @param rootUrl Jenkins' root URL with a trailing slash, or null when not configured */
  JenkinsChatOpsPort(JenkinsUserMapping users, ResolvedJobs resolved, BuildStarts starts, RecentLogTails logs,
      Supplier<String> rootUrl) {
    this.users = users;
    this.resolved = resolved;
    this.starts = starts;
    this.logs = logs;
    this.rootUrl = rootUrl;
  }

  @Override
  public Optional<ChatUser> identify(MattermostUser who) {
    Optional<User> user;
    try {
      user = users.find(who);
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "ChatOps could not map Mattermost user @" + who.username() + " to a Jenkins user", e);
      return Optional.empty();
    }
    if (user.isEmpty()) {
      LOGGER.log(Level.FINE, "ChatOps: no Jenkins user for Mattermost user @{0}", who.username());
      return Optional.empty();
    }
    try {
      // The security realm must still know them: the same check every later call makes.
      user.get().impersonate2();
      return Optional.of(new ChatUser(user.get().getId(), who));
    } catch (UsernameNotFoundException e) {
      LOGGER.log(Level.INFO, "ChatOps: Jenkins'' security realm does not know {0} (Mattermost @{1})",
          new Object[] {user.get().getId(), who.username()});
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      // ChatUser refuses SYSTEM and anonymous: ChatOps acts for people only.
      LOGGER.log(Level.WARNING, "ChatOps refuses to act as {0} for Mattermost @{1}",
          new Object[] {user.get().getId(), who.username()});
      return Optional.empty();
    }
  }

  @Override
  public Optional<JobInfo> findJob(ChatUser user, String fullName) {
    return asOr(user, Optional.empty(), () -> Optional.ofNullable(job(fullName))
        .map(job -> new JobInfo(job.getFullName(), absolute(job.getUrl()))));
  }

  @Override
  public List<String> jobNames(ChatUser user) {
    return asOr(user, List.of(), () -> {
      List<String> names = new ArrayList<>();
      for (Job<?, ?> job : visibleJobs()) {
        names.add(job.getFullName());
      }
      return names;
    });
  }

  @Override
  public Set<JobPermission> permissions(ChatUser user, String fullName) {
    return asOr(user, Set.of(), () -> {
      Job<?, ?> job = job(fullName);
      Set<JobPermission> granted = EnumSet.noneOf(JobPermission.class);
      if (job != null) {
        for (JobPermission permission : JobPermission.values()) {
          if (job.hasPermission(jenkinsPermission(permission))) {
            granted.add(permission);
          }
        }
      }
      return granted;
    });
  }

  @Override
  public ScheduledBuild build(ChatUser user, String fullName, Map<String, String> parameters)
      throws ChatOpsException {
    return as(user, () -> {
      Job<?, ?> job = requireJob(fullName);
      require(job, JobPermission.BUILD, "build it");
      return schedule(user, job, BuildParameters.forBuild(job, parameters));
    });
  }

  @Override
  public ScheduledBuild rebuild(ChatUser user, String fullName, int number) throws ChatOpsException {
    return as(user, () -> {
      Job<?, ?> job = requireJob(fullName);
      require(job, JobPermission.BUILD, "rebuild it");
      return schedule(user, job, BuildParameters.forRebuild(job, requireBuild(job, number)));
    });
  }

  @Override
  public AbortOutcome abort(ChatUser user, String fullName, int number) throws ChatOpsException {
    return as(user, () -> {
      Job<?, ?> job = requireJob(fullName);
      require(job, JobPermission.CANCEL, "abort it");
      Run<?, ?> run = job.getBuildByNumber(number);
      if (run != null) {
        // The executor outlives isBuilding() through post-production; once it is gone the build is over.
        Executor executor = run.getExecutor();
        if (executor == null) {
          return AbortOutcome.NOT_RUNNING;
        }
        executor.interrupt(Result.ABORTED, new CauseOfInterruption.UserInterruption(user.jenkinsId()));
        return AbortOutcome.ABORTED;
      }
      // Not started: the next build number is the one the first queued build of the job will get.
      if (number == job.getNextBuildNumber() && job instanceof Queue.Task && job.isInQueue()
          && Jenkins.get().getQueue().cancel((Queue.Task) job)) {
        return AbortOutcome.CANCELLED_IN_QUEUE;
      }
      throw new ChatOpsException(job.getFullName() + " has no build #" + number
          + (number >= job.getNextBuildNumber() ? " yet" : " any more") + ".");
    });
  }

  @Override
  public List<String> logTail(ChatUser user, String fullName, int number, int maxLines) throws ChatOpsException {
    return as(user, () -> {
      Job<?, ?> job = requireJob(fullName);
      require(job, JobPermission.READ, "read its log");
      Run<?, ?> run = requireBuild(job, number);
      try {
        return logs.tail(run, maxLines);
      } catch (IOException e) {
        LOGGER.log(Level.WARNING, "ChatOps could not read the log of " + run, e);
        throw new ChatOpsException("Jenkins could not read the log of " + job.getFullName() + " #" + number + ".");
      }
    });
  }

  @Override
  public Optional<BuildStatus> status(ChatUser user, String fullName, int number) {
    return asOr(user, Optional.empty(), () -> {
      Job<?, ?> job = job(fullName);
      if (job == null) {
        return Optional.empty();
      }
      Run<?, ?> run = number == 0 ? job.getLastBuild() : job.getBuildByNumber(number);
      return Optional.ofNullable(run).map(r -> status(job, r));
    });
  }

  @Override
  public List<BuildStatus> overview(ChatUser user, int limit) {
    return asOr(user, List.of(), () -> {
      List<BuildStatus> troubled = new ArrayList<>();
      for (Job<?, ?> job : visibleJobs()) {
        Run<?, ?> last = job.getLastBuild();
        if (last != null) {
          BuildStatus status = status(job, last);
          if (status.isRunning() || status.result() == BuildResult.FAILURE
              || status.result() == BuildResult.UNSTABLE) {
            troubled.add(status);
          }
        }
      }
      troubled.sort(Comparator.comparingInt(JenkinsChatOpsPort::severity)
          .thenComparing(BuildStatus::started, Comparator.nullsLast(Comparator.reverseOrder())));
      return List.copyOf(troubled.subList(0, Math.min(limit, troubled.size())));
    });
  }

  @Override
  public Optional<PostRef> jobThread(ChatUser user, String fullName, String channelName) {
    return asOr(user, Optional.empty(), () -> {
      Job<?, ?> job = job(fullName);
      Run<?, ?> run = job == null ? null : job.getLastBuild();
      for (int i = 0; run != null && i < THREAD_LOOKBACK; i++, run = run.getPreviousBuild()) {
        MattermostRunAction action = RunActions.persisted(run, MattermostRunAction.class);
        if (action != null) {
          PostRef incident = action.openIncident(channelName);
          PostRef thread = incident != null ? incident : action.buildThread(channelName);
          if (thread != null) {
            return Optional.of(thread);
          }
        }
      }
      return Optional.empty();
    });
  }

  // ---- as the user ----

  @FunctionalInterface
  private interface Work<T> {
    T run() throws ChatOpsException;
  }

  /** Runs {@code work} as {@code user}; anything Jenkins refuses becomes a ChatOpsException naming it. */
  @SuppressWarnings("try") // the context is only closed, as Jenkins' own try (ACLContext ctx = ACL.as2(...))
  private <T> T as(ChatUser user, Work<T> work) throws ChatOpsException {
    Authentication authentication = authenticate(user);
    try (ACLContext ignored = ACL.as2(authentication)) {
      return work.run();
    } catch (AccessDeniedException e) {
      throw new ChatOpsException("Jenkins refused this as " + user.jenkinsId() + ": " + e.getMessage());
    }
  }

  /** Like {@link #as} for questions: a refusal is logged and answered with {@code nothing}. */
  private <T> T asOr(ChatUser user, T nothing, Work<T> work) {
    try {
      return as(user, work);
    } catch (ChatOpsException e) {
      LOGGER.log(Level.FINE, "ChatOps query as {0} refused: {1}", new Object[] {user.jenkinsId(), e.getMessage()});
      return nothing;
    }
  }

  private static Authentication authenticate(ChatUser user) throws ChatOpsException {
    User jenkinsUser = User.getById(user.jenkinsId(), false);
    if (jenkinsUser == null) {
      throw new ChatOpsException("Jenkins has no user " + user.jenkinsId() + " any more; nothing was done.");
    }
    Authentication authentication;
    try {
      authentication = jenkinsUser.impersonate2();
    } catch (UsernameNotFoundException e) {
      throw new ChatOpsException("Jenkins' security realm does not know the user " + user.jenkinsId()
          + "; nothing was done.");
    }
    if (authentication == null || authentication.equals(ACL.SYSTEM2) || SYSTEM.equals(authentication.getName())) {
      throw new ChatOpsException("ChatOps never acts as SYSTEM; nothing was done.");
    }
    return authentication;
  }

  // ---- jobs, as the current (impersonated) user sees them ----

  /** The job, or null when it does not exist or the user may not read it (Discover only is "not found" too). */
  private Job<?, ?> job(String fullName) {
    Job<?, ?> job;
    try {
      job = Jenkins.get().getItemByFullName(fullName, Job.class);
    } catch (AccessDeniedException e) {
      return null;
    }
    if (job != null) {
      resolved.seen(job);
    }
    return job;
  }

  private Job<?, ?> requireJob(String fullName) throws ChatOpsException {
    Job<?, ?> job = job(fullName);
    if (job == null) {
      throw new ChatOpsException("No job " + fullName + " that you can see in Jenkins.");
    }
    return job;
  }

  private static Run<?, ?> requireBuild(Job<?, ?> job, int number) throws ChatOpsException {
    Run<?, ?> run = job.getBuildByNumber(number);
    if (run == null) {
      throw new ChatOpsException(job.getFullName() + " has no build #" + number + ".");
    }
    return run;
  }

  private static void require(Job<?, ?> job, JobPermission permission, String doing) throws ChatOpsException {
    if (!job.hasPermission(jenkinsPermission(permission))) {
      throw new ChatOpsException("You need the " + permission.displayName() + " permission on " + job.getFullName()
          + " to " + doing + "; nothing was done.");
    }
  }

  static Permission jenkinsPermission(JobPermission permission) {
    switch (permission) {
      case BUILD:
        return Item.BUILD;
      case CANCEL:
        return Item.CANCEL;
      default:
        return Item.READ;
    }
  }

  private static Iterable<Job<?, ?>> visibleJobs() {
    List<Job<?, ?>> jobs = new ArrayList<>();
    for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
      if (jobs.size() >= OVERVIEW_SCAN_LIMIT) {
        break;
      }
      jobs.add(job);
    }
    return jobs;
  }

  // ---- scheduling ----

  private ScheduledBuild schedule(ChatUser user, Job<?, ?> job, List<ParameterValue> parameters)
      throws ChatOpsException {
    if (!(job instanceof ParameterizedJobMixIn.ParameterizedJob)) {
      throw new ChatOpsException(job.getFullName() + " is not a job Jenkins builds on request.");
    }
    if (!job.isBuildable()) {
      throw new ChatOpsException(job.getFullName() + " is disabled or cannot be built now; nothing was queued.");
    }
    List<Action> actions = new ArrayList<>();
    actions.add(new CauseAction(new Cause.UserIdCause(user.jenkinsId())));
    if (parameters != null) {
      actions.add(new ParametersAction(parameters));
    }
    QueueTaskFuture<?> queued = ((ParameterizedJobMixIn.ParameterizedJob<?, ?>) job)
        .scheduleBuild2(0, actions.toArray(new Action[0]));
    if (queued == null) {
      throw new ChatOpsException("Jenkins did not queue " + job.getFullName() + " (a queue rule refused it).");
    }
    return new ScheduledBuild(job.getFullName(), starts.watch(queued));
  }

  // ---- status ----

  private BuildStatus status(Job<?, ?> job, Run<?, ?> run) {
    boolean running = run.isBuilding();
    Result result = run.getResult();
    // A finished build without a result is as the notifier reads it: a success.
    BuildResult mapped = running ? null : result == null ? BuildResult.SUCCESS : BuildResult.valueOf(result.toString());
    return new BuildStatus(job.getFullName(), run.getNumber(), mapped, Instant.ofEpochMilli(run.getStartTimeInMillis()),
        running ? null : Duration.ofMillis(Math.max(0, run.getDuration())), absolute(run.getUrl()));
  }

  /** Failing first, then unstable, then running. */
  private static int severity(BuildStatus status) {
    return status.isRunning() ? 2 : status.result() == BuildResult.FAILURE ? 0 : 1;
  }

  private String absolute(String relativeUrl) {
    String root = rootUrl.get();
    if (root == null || root.isBlank() || relativeUrl == null) {
      return null;
    }
    return (root.endsWith("/") ? root : root + "/") + relativeUrl;
  }
}
