package org.commandcenter.notifier.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Jenkins behind the ChatOps port, scripted for tests: who maps to whom, who may do what, and every call it got
 * (with the user it came with) recorded for the assertions.
 */
final class ScriptedJenkins implements ChatOpsPort {
  record Call(String method, ChatUser user, String job, int build, Map<String, String> parameters) {}

  final List<Call> calls = new CopyOnWriteArrayList<>();
  final List<MattermostUser> identified = new CopyOnWriteArrayList<>();
  final Map<String, String> mapping = new LinkedHashMap<>();
  final Map<String, Set<JobPermission>> permissions = new LinkedHashMap<>();
  final List<String> jobs = new CopyOnWriteArrayList<>(List.of("app/main", "team/app/main", "team/app/release"));
  final AtomicInteger nextBuild = new AtomicInteger(43);
  volatile List<String> log = List.of("line 1", "line 2");
  volatile long slowMillis;
  /** When set, builds start only when the test completes it. */
  volatile CompletableFuture<Integer> start;
  volatile Optional<PostRef> jobThread = Optional.empty();

  ScriptedJenkins() {
    mapping.put("alice", "alice");
    mapping.put("bob", "bob");
    permissions.put("alice", EnumSet.allOf(JobPermission.class));
    permissions.put("bob", EnumSet.of(JobPermission.READ));
  }

  /** Every call but identify carried a real person, the one asking. */
  void assertEveryCallWasAs(String... jenkinsIds) {
    assertThat(calls).isNotEmpty();
    for (Call call : calls) {
      assertThat(call.user()).as(call.method()).isNotNull();
      assertThat(call.user().jenkinsId()).as(call.method()).isIn((Object[]) jenkinsIds)
          .isNotEqualToIgnoringCase("SYSTEM");
    }
  }

  List<Call> calls(String method) {
    return calls.stream().filter(call -> call.method().equals(method)).toList();
  }

  private void record(String method, ChatUser user, String job, int build, Map<String, String> parameters) {
    calls.add(new Call(method, user, job, build, parameters));
    if (slowMillis > 0) {
      try {
        Thread.sleep(slowMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public Optional<ChatUser> identify(MattermostUser who) {
    identified.add(who);
    String jenkinsId = mapping.get(who.username());
    return jenkinsId == null ? Optional.empty() : Optional.of(new ChatUser(jenkinsId, who));
  }

  @Override
  public Optional<JobInfo> findJob(ChatUser user, String fullName) {
    record("findJob", user, fullName, 0, Map.of());
    return jobs.contains(fullName) && !permissions.getOrDefault(user.jenkinsId(), Set.of()).isEmpty()
        ? Optional.of(new JobInfo(fullName, "https://ci.example.com/job/" + fullName.replace("/", "/job/") + "/"))
        : Optional.empty();
  }

  @Override
  public List<String> jobNames(ChatUser user) {
    record("jobNames", user, null, 0, Map.of());
    return new ArrayList<>(jobs);
  }

  @Override
  public Set<JobPermission> permissions(ChatUser user, String fullName) {
    record("permissions", user, fullName, 0, Map.of());
    return permissions.getOrDefault(user.jenkinsId(), Set.of());
  }

  @Override
  public ScheduledBuild build(ChatUser user, String fullName, Map<String, String> parameters) {
    record("build", user, fullName, 0, parameters);
    return scheduled(fullName);
  }

  @Override
  public ScheduledBuild rebuild(ChatUser user, String fullName, int number) {
    record("rebuild", user, fullName, number, Map.of());
    return scheduled(fullName);
  }

  private ScheduledBuild scheduled(String fullName) {
    CompletableFuture<Integer> pending = start;
    return new ScheduledBuild(fullName, pending != null ? pending
        : CompletableFuture.completedFuture(nextBuild.getAndIncrement()));
  }

  @Override
  public AbortOutcome abort(ChatUser user, String fullName, int number) {
    record("abort", user, fullName, number, Map.of());
    return AbortOutcome.ABORTED;
  }

  @Override
  public List<String> logTail(ChatUser user, String fullName, int number, int maxLines) {
    record("logTail", user, fullName, number, Map.of());
    return log;
  }

  @Override
  public Optional<BuildStatus> status(ChatUser user, String fullName, int number) {
    record("status", user, fullName, number, Map.of());
    return Optional.of(new BuildStatus(fullName, number > 0 ? number : 42, BuildResult.FAILURE,
        Instant.parse("2026-03-01T09:00:00Z"), Duration.ofSeconds(192), null));
  }

  @Override
  public List<BuildStatus> overview(ChatUser user, int limit) {
    record("overview", user, null, 0, Map.of());
    return List.of();
  }

  @Override
  public Optional<PostRef> jobThread(ChatUser user, String fullName, String channelName) {
    record("jobThread", user, fullName, 0, Map.of());
    return jobThread;
  }
}
