package org.commandcenter.local;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.commandcenter.notifier.core.AbortOutcome;
import org.commandcenter.notifier.core.BuildFacts;
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

/**
 * The ChatOps port over the scripted job, as the Jenkins adapter implements it over Jenkins: one job
 * ({@code payments-service}); every Mattermost user acts as the Jenkins user of the same name (the default mapping),
 * with Job/Read, Job/Build and Job/Cancel, except {@code bob}, who may only read (to show a refusal).
 */
final class DemoJenkins implements ChatOpsPort {
  static final String READ_ONLY_USER = "bob";

  private final ScriptedBuilds job;

  DemoJenkins(ScriptedBuilds job) {
    this.job = requireNonNull(job, "job == null");
  }

  @Override
  public Optional<ChatUser> identify(MattermostUser who) {
    return Optional.of(new ChatUser(who.username(), who));
  }

  @Override
  public Optional<JobInfo> findJob(ChatUser user, String fullName) {
    return ScriptedBuilds.JOB.equals(fullName)
        ? Optional.of(new JobInfo(fullName, ScriptedBuilds.JENKINS_URL + "job/" + fullName + "/"))
        : Optional.empty();
  }

  @Override
  public List<String> jobNames(ChatUser user) {
    return List.of(ScriptedBuilds.JOB);
  }

  @Override
  public Set<JobPermission> permissions(ChatUser user, String fullName) {
    return user.jenkinsId().equals(READ_ONLY_USER) ? EnumSet.of(JobPermission.READ)
        : EnumSet.allOf(JobPermission.class);
  }

  @Override
  public ScheduledBuild build(ChatUser user, String fullName, Map<String, String> parameters) {
    return new ScheduledBuild(fullName, job.start("Started by " + user.jenkinsId() + " from Mattermost"));
  }

  @Override
  public ScheduledBuild rebuild(ChatUser user, String fullName, int number) throws ChatOpsException {
    if (job.build(number).isEmpty()) {
      throw new ChatOpsException("there is no build #" + number + " to rebuild");
    }
    return new ScheduledBuild(fullName, job.start("Rebuild of #" + number + " by " + user.jenkinsId()
        + " from Mattermost"));
  }

  @Override
  public AbortOutcome abort(ChatUser user, String fullName, int number) {
    return job.abort(number);
  }

  @Override
  public List<String> logTail(ChatUser user, String fullName, int number, int maxLines) throws ChatOpsException {
    List<String> log = job.build(number).orElseThrow(() -> new ChatOpsException("there is no build #" + number))
        .log();
    return log.subList(Math.max(0, log.size() - maxLines), log.size());
  }

  @Override
  public Optional<BuildStatus> status(ChatUser user, String fullName, int number) {
    return job.build(number).map(build -> status(build.facts()));
  }

  @Override
  public List<BuildStatus> overview(ChatUser user, int limit) {
    return job.build(0).filter(build -> build.isRunning() || build.facts().result() != BuildResult.SUCCESS)
        .map(build -> List.of(status(build.facts()))).orElse(List.of()).stream()
        .sorted(Comparator.comparing(BuildStatus::number)).limit(limit).toList();
  }

  @Override
  public Optional<PostRef> jobThread(ChatUser user, String fullName, String channelName) {
    return job.thread(channelName);
  }

  private static BuildStatus status(BuildFacts facts) {
    return new BuildStatus(facts.jobName(), facts.buildNumber(), facts.result(), facts.startTime(), facts.duration(),
        facts.buildUrl());
  }
}
