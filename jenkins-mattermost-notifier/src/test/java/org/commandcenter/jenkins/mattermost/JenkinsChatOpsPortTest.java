package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockConstruction;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import hudson.model.Action;
import hudson.model.Cause;
import hudson.model.CauseAction;
import hudson.model.Executor;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.ParameterDefinition;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Queue;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.SimpleParameterDefinition;
import hudson.model.User;
import hudson.model.queue.QueueTaskFuture;
import hudson.tasks.Mailer;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jenkins.model.CauseOfInterruption;
import jenkins.model.ParameterizedJobMixIn;
import org.commandcenter.notifier.core.AbortOutcome;
import org.commandcenter.notifier.core.BuildResult;
import org.commandcenter.notifier.core.BuildStatus;
import org.commandcenter.notifier.core.ChatOpsException;
import org.commandcenter.notifier.core.ChatUser;
import org.commandcenter.notifier.core.JobPermission;
import org.commandcenter.notifier.core.MattermostUser;
import org.commandcenter.notifier.core.PostRef;
import org.commandcenter.notifier.core.ScheduledBuild;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedConstruction;
import org.springframework.security.core.Authentication;

/**
 * The port over Jenkins: who a Mattermost user is in Jenkins, and every question and action asked as that user,
 * never as SYSTEM, with the permission checked before Jenkins is asked to do anything. Asserts the authentication each
 * Jenkins call ran under and what Jenkins was asked to do.
 */
class JenkinsChatOpsPortTest {
  private static final MattermostUser ALICE_MM = new MattermostUser("aliceid000000000000000000a", "alice",
      "alice@example.com");
  private static final MattermostUser BOB_MM = new MattermostUser("bobid0000000000000000000bb", "bob",
      "bob@example.com");
  private static final String ROOT = "https://jenkins.example.test/";

  private JenkinsAsUsers jenkins;
  private final ScheduledExecutorService scheduler = mock(ScheduledExecutorService.class);
  private final ResolvedJobs resolved = new ResolvedJobs();
  private Instant now = Instant.parse("2026-11-29T10:00:00Z");
  private Job<?, ?> app;
  private ChatUser alice;
  private ChatUser bob;

  @BeforeEach
  void setUp() {
    jenkins = new JenkinsAsUsers();
    jenkins.user("alice");
    jenkins.user("bob");
    app = jenkins.job("team/app");
    jenkins.grant("alice", "team/app", Item.READ, Item.BUILD, Item.CANCEL);
    jenkins.grant("bob", "team/app", Item.READ);
    alice = new ChatUser("alice", ALICE_MM);
    bob = new ChatUser("bob", BOB_MM);
  }

  @AfterEach
  void tearDown() {
    jenkins.close();
  }

  private JenkinsChatOpsPort port(ChatOpsUserMapping mapping, Map<String, String> table) {
    Clock clock = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
    return new JenkinsChatOpsPort(new JenkinsUserMapping(mapping, table), resolved,
        new BuildStarts(scheduler, Runnable::run), new RecentLogTails(clock), () -> ROOT);
  }

  private JenkinsChatOpsPort port() {
    return port(ChatOpsUserMapping.SAME_USERNAME, Map.of());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Run run(Job<?, ?> job, int number) {
    String url = job.getUrl() + number + "/";
    String id = job.getFullName() + "#" + number;
    Run run = mock(Run.class);
    when(run.getNumber()).thenReturn(number);
    when(run.getParent()).thenReturn(job);
    when(run.getUrl()).thenReturn(url);
    when(run.getExternalizableId()).thenReturn(id);
    when(run.getActions()).thenReturn(new java.util.concurrent.CopyOnWriteArrayList<>());
    when(((Job) job).getBuildByNumber(number)).thenReturn(run);
    return run;
  }

  /** A queued build that starts at once as {@code started}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private QueueTaskFuture queues(Job<?, ?> job, Run started) {
    QueueTaskFuture future = mock(QueueTaskFuture.class);
    when(future.getStartCondition()).thenReturn(CompletableFuture.completedFuture(started));
    when(((ParameterizedJobMixIn.ParameterizedJob) job).scheduleBuild2(anyInt(), any(Action[].class)))
        .thenAnswer(i -> {
          jenkins.record("scheduleBuild2");
          return future;
        });
    return future;
  }

  private static Integer startedNumber(ScheduledBuild scheduled) throws Exception {
    return scheduled.started().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  // ---- who acts ----

  @Test
  void everyCallRunsAsTheMappedUserAndNeverAsSystem() throws Exception {
    JenkinsChatOpsPort port = port();
    Run<?, ?> last = run(app, 42);
    when(last.getLog(40)).thenReturn(List.of("line"));
    when(app.getLastBuild()).thenAnswer(i -> last);
    queues(app, run(app, 43));
    Authentication aliceAuth = User.getById("alice", false).impersonate2();

    try (MockedConstruction<CauseAction> causes = mockConstruction(CauseAction.class);
        MockedConstruction<Cause.UserIdCause> userCauses = mockConstruction(Cause.UserIdCause.class)) {
      port.findJob(alice, "team/app");
      port.jobNames(alice);
      port.permissions(alice, "team/app");
      port.status(alice, "team/app", 0);
      port.overview(alice, 10);
      port.jobThread(alice, "team/app", "builds");
      port.logTail(alice, "team/app", 42, 40);
      port.build(alice, "team/app", Map.of());
      port.rebuild(alice, "team/app", 42);
    }

    assertThat(jenkins.impersonated).hasSize(9).allSatisfy(a -> assertThat(a).isSameAs(aliceAuth));
    assertThat(jenkins.calls).isNotEmpty().allSatisfy(call -> assertThat(call).endsWith(" as alice"));
    assertThat(jenkins.calls).contains("scheduleBuild2 as alice", "hasPermission Build team/app as alice");
    jenkins.acl.verify(() -> hudson.security.ACL.as2(org.mockito.ArgumentMatchers.isNull()), never());
    assertThat(jenkins.currentName()).as("every context was closed").isEqualTo(JenkinsAsUsers.ANONYMOUS);
  }

  @Test
  void aUserJenkinsNoLongerKnowsIsRefusedBeforeJenkinsIsAsked() {
    JenkinsChatOpsPort port = port();
    ChatUser carol = new ChatUser("carol", new MattermostUser("carolid00000000000000000cc", "carol", ""));

    assertThatThrownBy(() -> port.build(carol, "team/app", Map.of()))
        .isInstanceOf(ChatOpsException.class).hasMessageContaining("no user carol");
    jenkins.userUnknownToTheRealm("carol");
    assertThatThrownBy(() -> port.rebuild(carol, "team/app", 1))
        .isInstanceOf(ChatOpsException.class).hasMessageContaining("security realm does not know the user carol");
    assertThat(port.findJob(carol, "team/app")).isEmpty();

    assertThat(jenkins.impersonated).isEmpty();
    assertThat(jenkins.calls).isEmpty();
  }

  @Test
  void identifiesBySameUsernameOnlyUsersJenkinsKnowsAndTheRealmAccepts() {
    JenkinsChatOpsPort port = port();
    jenkins.userUnknownToTheRealm("dave");

    assertThat(port.identify(ALICE_MM)).contains(alice);
    assertThat(port.identify(new MattermostUser("nobodyid000000000000000000", "nobody", ""))).isEmpty();
    assertThat(port.identify(new MattermostUser("daveid00000000000000000000", "dave", ""))).isEmpty();
    jenkins.usersStatic.verify(() -> User.getById("nobody", false));
    jenkins.usersStatic.verify(() -> User.getById(any(), org.mockito.ArgumentMatchers.eq(true)), never());
  }

  @Test
  void neverIdentifiesAnyoneAsSystemOrAnonymous() {
    jenkins.user("SYSTEM");
    jenkins.user("anonymous");
    JenkinsChatOpsPort port = port(ChatOpsUserMapping.TABLE, Map.of("root", "SYSTEM", "guest", "anonymous"));

    assertThat(port.identify(new MattermostUser("rootid00000000000000000000", "root", ""))).isEmpty();
    assertThat(port.identify(new MattermostUser("guestid0000000000000000000", "guest", ""))).isEmpty();
    assertThat(port(ChatOpsUserMapping.SAME_USERNAME, Map.of())
        .identify(new MattermostUser("anonid00000000000000000000", "anonymous", ""))).isEmpty();
  }

  @Test
  void identifiesByTheExplicitTable() {
    jenkins.user("alice.smith");
    JenkinsChatOpsPort port = port(ChatOpsUserMapping.TABLE, ChatOpsUserTable.parse("@alice = alice.smith\n"));

    assertThat(port.identify(ALICE_MM)).map(ChatUser::jenkinsId).contains("alice.smith");
    assertThat(port.identify(BOB_MM)).as("bob is not in the table, though Jenkins has a bob").isEmpty();
  }

  @Test
  void identifiesByEmailOnlyWithExactlyOneExplicitMatch() {
    addressOf("alice", "Alice@Example.com");
    addressOf("bob", "bob@example.com");
    User mallory = jenkins.user("mallory");
    Mailer.UserProperty claimed = mock(Mailer.UserProperty.class);
    when(claimed.getExplicitlyConfiguredAddress()).thenReturn("bob@example.com");
    when(mallory.getProperty(Mailer.UserProperty.class)).thenReturn(claimed);
    JenkinsChatOpsPort port = port(ChatOpsUserMapping.EMAIL, Map.of());

    assertThat(port.identify(ALICE_MM)).map(ChatUser::jenkinsId).as("case-insensitive").contains("alice");
    assertThat(port.identify(BOB_MM)).as("two Jenkins users claim bob's address").isEmpty();
    assertThat(port.identify(new MattermostUser("eveid000000000000000000000", "eve", "eve@example.com"))).isEmpty();
    assertThat(port.identify(new MattermostUser("aliceid000000000000000000a", "alice", "")))
        .as("Mattermost did not show the address").isEmpty();
  }

  private void addressOf(String userId, String address) {
    Mailer.UserProperty property = mock(Mailer.UserProperty.class);
    when(property.getExplicitlyConfiguredAddress()).thenReturn(address);
    when(User.getById(userId, false).getProperty(Mailer.UserProperty.class)).thenReturn(property);
  }

  // ---- what each user may see and do ----

  @Test
  void permissionsAreTheAskersOwn() {
    JenkinsChatOpsPort port = port();

    assertThat(port.permissions(alice, "team/app")).containsExactlyInAnyOrder(JobPermission.READ,
        JobPermission.BUILD, JobPermission.CANCEL);
    assertThat(port.permissions(bob, "team/app")).containsExactly(JobPermission.READ);
    assertThat(port.permissions(bob, "team/other")).isEmpty();
  }

  @Test
  void aJobTheUserMayOnlyDiscoverOrNotSeeIsNotFound() {
    jenkins.job("team/secret");
    jenkins.grant("alice", "team/secret", Item.READ);
    jenkins.discoverOnly("bob", "team/secret");
    JenkinsChatOpsPort port = port();

    assertThat(port.findJob(alice, "team/secret")).map(info -> info.url())
        .contains(ROOT + "job/team/job/secret/");
    assertThat(port.findJob(bob, "team/secret")).isEmpty();
    assertThat(port.jobNames(bob)).containsExactly("team/app");
    assertThat(port.jobNames(alice)).containsExactlyInAnyOrder("team/app", "team/secret");
  }

  @Test
  void aUserWithoutBuildCannotBuildOrRebuildAndIsToldWhichPermission() {
    QueueTaskFuture<?> future = queues(app, run(app, 43));
    run(app, 42);
    JenkinsChatOpsPort port = port();

    assertThatThrownBy(() -> port.build(bob, "team/app", Map.of()))
        .isInstanceOf(ChatOpsException.class)
        .hasMessage("You need the Job/Build permission on team/app to build it; nothing was done.");
    assertThatThrownBy(() -> port.rebuild(bob, "team/app", 42))
        .hasMessage("You need the Job/Build permission on team/app to rebuild it; nothing was done.");
    assertThatThrownBy(() -> port.abort(bob, "team/app", 42))
        .hasMessage("You need the Job/Cancel permission on team/app to abort it; nothing was done.");

    assertThat(jenkins.calls).noneMatch(call -> call.startsWith("scheduleBuild2"));
    verify(future, never()).getStartCondition();
  }

  // ---- building ----

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void buildsAsTheUserWithTheirCauseAndReportsTheNumberWhenItStarts() throws Exception {
    queues(app, run(app, 43));
    JenkinsChatOpsPort port = port();
    List<Object> causeArguments = new ArrayList<>();

    ScheduledBuild scheduled;
    try (MockedConstruction<Cause.UserIdCause> userCauses = mockConstruction(Cause.UserIdCause.class,
            (cause, context) -> causeArguments.addAll(context.arguments()));
        MockedConstruction<CauseAction> causes = mockConstruction(CauseAction.class,
            (action, context) -> assertThat(context.arguments()).singleElement()
                .isSameAs(userCauses.constructed().get(0)));
        MockedConstruction<ParametersAction> parameters = mockConstruction(ParametersAction.class)) {
      scheduled = port.build(alice, "team/app", Map.of());

      assertThat(causes.constructed()).hasSize(1);
      assertThat(parameters.constructed()).as("a job without parameters gets none").isEmpty();
      verify((ParameterizedJobMixIn.ParameterizedJob) app).scheduleBuild2(0, causes.constructed().get(0));
    }
    assertThat(causeArguments).containsExactly("alice");
    assertThat(scheduled.job()).isEqualTo("team/app");
    assertThat(startedNumber(scheduled)).isEqualTo(43);
  }

  @Test
  void aBuildStillInTheQueueReportsItsNumberOnceTheSchedulerSeesItStart() throws Exception {
    CompletableFuture<Object> start = new CompletableFuture<>();
    @SuppressWarnings("rawtypes")
    QueueTaskFuture future = queues(app, null);
    when(future.getStartCondition()).thenReturn(start);
    JenkinsChatOpsPort port = port();
    BuildStarts starts;

    ScheduledBuild scheduled;
    try (MockedConstruction<Cause.UserIdCause> c = mockConstruction(Cause.UserIdCause.class);
        MockedConstruction<CauseAction> a = mockConstruction(CauseAction.class)) {
      scheduled = port.build(alice, "team/app", Map.of());
    }
    assertThat(scheduled.started().toCompletableFuture()).isNotDone();
    verify(scheduler).scheduleWithFixedDelay(any(), eq(BuildStarts.POLL_MILLIS), eq(BuildStarts.POLL_MILLIS),
        eq(TimeUnit.MILLISECONDS));

    start.complete(run(app, 44));
    org.mockito.ArgumentCaptor<Runnable> poll = org.mockito.ArgumentCaptor.forClass(Runnable.class);
    verify(scheduler).scheduleWithFixedDelay(poll.capture(), anyLong(), anyLong(), any());
    poll.getValue().run();

    assertThat(startedNumber(scheduled)).isEqualTo(44);
  }

  private static long anyLong() {
    return org.mockito.ArgumentMatchers.anyLong();
  }

  @Test
  void aBuildCancelledInTheQueueNeverStarts() {
    CompletableFuture<Object> start = new CompletableFuture<>();
    start.cancel(false);
    @SuppressWarnings("rawtypes")
    QueueTaskFuture future = queues(app, null);
    when(future.getStartCondition()).thenReturn(start);

    ScheduledBuild scheduled;
    try (MockedConstruction<Cause.UserIdCause> c = mockConstruction(Cause.UserIdCause.class);
        MockedConstruction<CauseAction> a = mockConstruction(CauseAction.class)) {
      scheduled = port().build(alice, "team/app", Map.of());
    } catch (ChatOpsException e) {
      throw new AssertionError(e);
    }

    assertThat(scheduled.started().toCompletableFuture()).isCompletedExceptionally();
  }

  @Test
  @SuppressWarnings("rawtypes")
  void aDisabledJobOrARefusedScheduleIsAClearRefusal() {
    when(app.isBuildable()).thenReturn(false);
    JenkinsChatOpsPort port = port();

    assertThatThrownBy(() -> port.build(alice, "team/app", Map.of()))
        .hasMessage("team/app is disabled or cannot be built now; nothing was queued.");

    when(app.isBuildable()).thenReturn(true);
    when(((ParameterizedJobMixIn.ParameterizedJob) app).scheduleBuild2(anyInt(), any(Action[].class)))
        .thenReturn(null);
    try (MockedConstruction<Cause.UserIdCause> c = mockConstruction(Cause.UserIdCause.class);
        MockedConstruction<CauseAction> a = mockConstruction(CauseAction.class)) {
      assertThatThrownBy(() -> port.build(alice, "team/app", Map.of()))
          .hasMessage("Jenkins did not queue team/app (a queue rule refused it).");
    }
  }

  // ---- parameters ----

  private final Map<String, ParameterDefinition> definitions = new LinkedHashMap<>();

  private void parameters(ParameterDefinition... defined) {
    ParametersDefinitionProperty property = mock(ParametersDefinitionProperty.class);
    for (ParameterDefinition definition : defined) {
      definitions.put(definition.getName(), definition);
    }
    when(property.getParameterDefinitions()).thenReturn(List.of(defined));
    when(app.getProperty(ParametersDefinitionProperty.class)).thenReturn(property);
  }

  private static ParameterValue value(String name) {
    ParameterValue value = mock(ParameterValue.class);
    when(value.getName()).thenReturn(name);
    when(value.toString()).thenReturn("value of " + name);
    return value;
  }

  /** A simple (text-like) definition that creates {@code name=<text>} values and has a default. */
  private static SimpleParameterDefinition simple(String name, ParameterValue defaultValue) {
    SimpleParameterDefinition definition = mock(SimpleParameterDefinition.class);
    when(definition.getName()).thenReturn(name);
    when(definition.getDefaultParameterValue()).thenReturn(defaultValue);
    when(definition.createValue(any(String.class))).thenAnswer(i -> value(name + "=" + i.getArgument(0)));
    return definition;
  }

  @Test
  void buildParametersAreMadeByTheJobsDefinitionsAndTheRestKeepTheirDefaults() throws Exception {
    ParameterValue defaultTarget = value("TARGET");
    parameters(simple("BRANCH", value("BRANCH")), simple("TARGET", defaultTarget));
    queues(app, run(app, 43));
    List<List<ParameterValue>> passed = new ArrayList<>();

    try (MockedConstruction<Cause.UserIdCause> c = mockConstruction(Cause.UserIdCause.class);
        MockedConstruction<CauseAction> a = mockConstruction(CauseAction.class);
        MockedConstruction<ParametersAction> p = mockConstruction(ParametersAction.class,
            (action, context) -> passed.add(new ArrayList<>((List<ParameterValue>) context.arguments().get(0))))) {
      port().build(alice, "team/app", Map.of("BRANCH", "feature/x"));
    }

    assertThat(passed).singleElement().satisfies(values -> {
      assertThat(values).hasSize(2);
      assertThat(values.get(0).getName()).isEqualTo("BRANCH=feature/x");
      assertThat(values.get(1)).isSameAs(defaultTarget);
    });
  }

  @Test
  void unknownNonSimpleAndRefusedParametersAreRefusedNamingTheParameter() {
    ParameterDefinition file = mock(ParameterDefinition.class);
    when(file.getName()).thenReturn("UPLOAD");
    SimpleParameterDefinition choice = simple("ENV", null);
    when(choice.createValue("prod")).thenThrow(new IllegalArgumentException("Illegal choice for parameter ENV: prod"));
    parameters(simple("BRANCH", null), file, choice);
    JenkinsChatOpsPort port = port();

    assertThatThrownBy(() -> port.build(alice, "team/app", Map.of("branch", "x")))
        .hasMessage("team/app has no parameter branch (it has: BRANCH, UPLOAD, ENV). Parameter names are "
            + "case-sensitive.");
    assertThatThrownBy(() -> port.build(alice, "team/app", Map.of("UPLOAD", "x")))
        .hasMessageStartingWith("UPLOAD is a ").hasMessageContaining("only text, choice, boolean and other simple "
            + "parameters can be set from Mattermost");
    assertThatThrownBy(() -> port.build(alice, "team/app", Map.of("ENV", "prod")))
        .hasMessage("Jenkins refused the value of ENV: Illegal choice for parameter ENV: <value>");
    assertThat(jenkins.calls).noneMatch(call -> call.startsWith("scheduleBuild2"));
  }

  @Test
  void aJobWithoutParametersRefusesThem() {
    assertThatThrownBy(() -> port().build(alice, "team/app", Map.of("X", "1")))
        .hasMessage("team/app takes no parameters.");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRebuildTakesTheBuildsValuesAndDefaultsForParametersDefinedSince() throws Exception {
    ParameterValue newDefault = value("NEW");
    parameters(simple("BRANCH", value("BRANCH")), simple("NEW", newDefault));
    Run<?, ?> earlier = run(app, 42);
    ParameterValue hadBranch = value("BRANCH");
    ParameterValue dropped = value("GONE");
    ParametersAction had = mock(ParametersAction.class);
    when(had.getParameters()).thenReturn(List.of(hadBranch, dropped));
    when(earlier.getAction(ParametersAction.class)).thenReturn(had);
    queues(app, run(app, 43));
    List<List<ParameterValue>> passed = new ArrayList<>();

    ScheduledBuild scheduled;
    try (MockedConstruction<Cause.UserIdCause> c = mockConstruction(Cause.UserIdCause.class);
        MockedConstruction<CauseAction> a = mockConstruction(CauseAction.class);
        MockedConstruction<ParametersAction> p = mockConstruction(ParametersAction.class,
            (action, context) -> passed.add(new ArrayList<>((List<ParameterValue>) context.arguments().get(0))))) {
      scheduled = port().rebuild(alice, "team/app", 42);
    }

    assertThat(passed).singleElement().satisfies(values -> assertThat(values).containsExactly(hadBranch, newDefault));
    assertThat(startedNumber(scheduled)).isEqualTo(43);
  }

  @Test
  void aRebuildOfABuildWithAFileParameterIsRefused() {
    parameters(simple("UPLOAD", null));
    Run<?, ?> earlier = run(app, 42);
    ParameterValue upload = mock(hudson.model.FileParameterValue.class);
    when(upload.getName()).thenReturn("UPLOAD");
    ParametersAction had = mock(ParametersAction.class);
    when(had.getParameters()).thenReturn(List.of(upload));
    when(earlier.getAction(ParametersAction.class)).thenReturn(had);

    assertThatThrownBy(() -> port().rebuild(alice, "team/app", 42))
        .hasMessage("team/app #42 had the file parameter UPLOAD; files cannot be sent again from Mattermost. "
            + "Rebuild it in Jenkins.");
  }

  @Test
  void aRebuildOfABuildThatIsGoneSaysSo() {
    assertThatThrownBy(() -> port().rebuild(alice, "team/app", 7)).hasMessage("team/app has no build #7.");
  }

  // ---- aborting ----

  @Test
  void abortingARunningBuildInterruptsItsExecutorAsTheUser() throws Exception {
    Run<?, ?> running = run(app, 42);
    Executor executor = mock(Executor.class);
    when(running.getExecutor()).thenReturn(executor);
    List<Object> interruptedBy = new ArrayList<>();

    AbortOutcome outcome;
    try (MockedConstruction<CauseOfInterruption.UserInterruption> causes = mockConstruction(
        CauseOfInterruption.UserInterruption.class, (cause, context) -> interruptedBy.addAll(context.arguments()))) {
      outcome = port().abort(alice, "team/app", 42);
      verify(executor).interrupt(Result.ABORTED, causes.constructed().get(0));
    }

    assertThat(outcome).isEqualTo(AbortOutcome.ABORTED);
    assertThat(interruptedBy).containsExactly("alice");
  }

  @Test
  void whatJenkinsItselfRefusesIsAClearRefusalNamingTheUser() {
    Run<?, ?> running = run(app, 42);
    Executor executor = mock(Executor.class);
    when(running.getExecutor()).thenReturn(executor);

    try (MockedConstruction<CauseOfInterruption.UserInterruption> causes = mockConstruction(
        CauseOfInterruption.UserInterruption.class)) {
      org.mockito.Mockito.doThrow(new org.springframework.security.access.AccessDeniedException(
          "alice is missing the Job/Cancel permission")).when(executor).interrupt(any(), any());

      assertThatThrownBy(() -> port().abort(alice, "team/app", 42))
          .isInstanceOf(ChatOpsException.class)
          .hasMessage("Jenkins refused this as alice: alice is missing the Job/Cancel permission");
    }
    assertThat(jenkins.currentName()).as("the context was closed").isEqualTo(JenkinsAsUsers.ANONYMOUS);
  }

  @Test
  void abortingAQueuedBuildCancelsItInTheQueue() throws Exception {
    when(app.getNextBuildNumber()).thenReturn(43);
    when(app.isInQueue()).thenReturn(true);
    when(jenkins.queue.cancel((Queue.Task) app)).thenAnswer(i -> {
      jenkins.record("cancel");
      return true;
    });

    assertThat(port().abort(alice, "team/app", 43)).isEqualTo(AbortOutcome.CANCELLED_IN_QUEUE);
    assertThat(jenkins.calls).contains("cancel as alice");
  }

  @Test
  void abortingAFinishedBuildDoesNothing() throws Exception {
    Run<?, ?> finished = run(app, 41);
    when(finished.getExecutor()).thenReturn(null);
    when(app.getNextBuildNumber()).thenReturn(43);

    assertThat(port().abort(alice, "team/app", 41)).isEqualTo(AbortOutcome.NOT_RUNNING);
    verify(jenkins.queue, never()).cancel(any(Queue.Task.class));
    assertThatThrownBy(() -> port().abort(alice, "team/app", 50)).hasMessage("team/app has no build #50 yet.");
    assertThatThrownBy(() -> port().abort(alice, "team/app", 3)).hasMessage("team/app has no build #3 any more.");
  }

  // ---- reading ----

  @Test
  void theLogTailOfAFinishedBuildIsReadOnceForAShortWhileAndARunningBuildEveryTime() throws Exception {
    Run<?, ?> finished = run(app, 42);
    when(finished.getLog(40)).thenReturn(List.of("[ERROR] BUILD FAILURE"));
    Run<?, ?> running = run(app, 43);
    when(running.isBuilding()).thenReturn(true);
    when(running.getLog(40)).thenReturn(List.of("compiling"));
    JenkinsChatOpsPort port = port();

    assertThat(port.logTail(alice, "team/app", 42, 40)).containsExactly("[ERROR] BUILD FAILURE");
    assertThat(port.logTail(bob, "team/app", 42, 40)).containsExactly("[ERROR] BUILD FAILURE");
    now = now.plus(RecentLogTails.KEEP).plusSeconds(1);
    port.logTail(bob, "team/app", 42, 40);
    port.logTail(alice, "team/app", 43, 40);
    port.logTail(alice, "team/app", 43, 40);

    verify(finished, times(2)).getLog(40);
    verify(running, times(2)).getLog(40);
    assertThatThrownBy(() -> port.logTail(carolWithoutRead(), "team/app", 42, 40))
        .hasMessage("No job team/app that you can see in Jenkins.");
  }

  private ChatUser carolWithoutRead() {
    jenkins.user("carol");
    return new ChatUser("carol", new MattermostUser("carolid00000000000000000cc", "carol", ""));
  }

  @Test
  void anUnreadableLogIsAClearError() throws Exception {
    Run<?, ?> broken = run(app, 42);
    when(broken.getLog(40)).thenThrow(new IOException("log.gz"));

    assertThatThrownBy(() -> port().logTail(alice, "team/app", 42, 40))
        .hasMessage("Jenkins could not read the log of team/app #42.");
  }

  @Test
  void statusAndOverviewShowWhatTheUserCanSeeWorstFirst() {
    Run<?, ?> failed = run(app, 42);
    when(failed.getResult()).thenReturn(Result.FAILURE);
    when(failed.getStartTimeInMillis()).thenReturn(now.toEpochMilli());
    when(failed.getDuration()).thenReturn(60_000L);
    when(app.getLastBuild()).thenAnswer(i -> failed);
    Job<?, ?> web = jenkins.job("team/web");
    jenkins.grant("alice", "team/web", Item.READ);
    Run<?, ?> running = run(web, 7);
    when(running.isBuilding()).thenReturn(true);
    when(web.getLastBuild()).thenAnswer(i -> running);
    JenkinsChatOpsPort port = port();

    Optional<BuildStatus> status = port.status(alice, "team/app", 0);
    List<BuildStatus> overview = port.overview(alice, 10);

    assertThat(status).hasValueSatisfying(s -> {
      assertThat(s.number()).isEqualTo(42);
      assertThat(s.result()).isEqualTo(BuildResult.FAILURE);
      assertThat(s.url()).isEqualTo(ROOT + "job/team/job/app/42/");
    });
    assertThat(overview).extracting(BuildStatus::job).containsExactly("team/app", "team/web");
    assertThat(overview.get(1).isRunning()).isTrue();
    assertThat(port.overview(bob, 10)).extracting(BuildStatus::job).containsExactly("team/app");
  }

  @Test
  void theJobThreadIsTheOpenIncidentElseTheLastBuildThreadInThatChannel() {
    Run<?, ?> older = run(app, 41);
    MattermostRunAction olderAction = new MattermostRunAction();
    olderAction.saveBuildThread("alerts", PostRef.of("olderroot", "alertschannel"));
    older.getActions().add(olderAction);
    Run<?, ?> last = run(app, 42);
    MattermostRunAction lastAction = new MattermostRunAction();
    lastAction.saveBuildThread("builds", PostRef.of("buildroot", "buildschannel"));
    lastAction.saveOpenIncident("builds", PostRef.of("incidentroot", "buildschannel"));
    last.getActions().add(lastAction);
    when(last.getPreviousBuild()).thenAnswer(i -> older);
    when(app.getLastBuild()).thenAnswer(i -> last);
    JenkinsChatOpsPort port = port();

    assertThat(port.jobThread(alice, "team/app", "builds")).contains(PostRef.of("incidentroot", "buildschannel"));
    assertThat(port.jobThread(alice, "team/app", "alerts")).contains(PostRef.of("olderroot", "alertschannel"));
    assertThat(port.jobThread(alice, "team/app", "elsewhere")).isEmpty();
  }

  @Test
  void jobsResolvedAsAUserAreHandedToTheClaimStore() {
    Run<?, ?> build = run(app, 42);
    JenkinsChatOpsPort port = port();
    assertThat(resolved.build("team/app", 42)).as("not before the port resolved it").isNull();

    port.findJob(alice, "team/app");

    assertThat(resolved.build("team/app", 42)).isSameAs(build);
    assertThat(EnumSet.copyOf(port.permissions(bob, "team/app"))).containsExactly(JobPermission.READ);
  }
}
