package org.commandcenter.notifier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.notifier.core.BuildResult.FAILURE;
import static org.commandcenter.notifier.core.BuildResult.SUCCESS;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.commandcenter.mattermost.ActionRequest;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.RetryPolicy;
import org.commandcenter.mattermost.SlashCommand;
import org.commandcenter.sandbox.ApiAnswer;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.ReceivedPost;
import org.commandcenter.sandbox.SandboxSettings;
import org.commandcenter.sandbox.SlashCommandInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * ChatOps end to end against the Mattermost stand-in: alerts posted by the engine with their buttons, clicked and
 * commanded in Mattermost, dispatched by it to an endpoint that hands the raw requests to {@link ChatOps}, which acts
 * through a scripted Jenkins. Asserts what went over the wire and what Jenkins was asked to do, and as whom.
 */
class ChatOpsTest {
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
  /** A mention word as the server's parser finds it: an @ not inside a word, then a name character. */
  private static final Pattern BROADCAST = Pattern.compile("(?<![\\p{L}\\p{N}])@(channel|here|all)\\b");

  private MattermostSandbox mm;
  private JenkinsEndpoint endpoint;
  private ScriptedJenkins jenkins;
  private ActionSigner signer;
  private SlashCommandInfo command;
  private ChatOps chatOps;
  private MattermostClient client;
  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    mm = MattermostSandbox.builder().withSampleData()
        .settings(SandboxSettings.builder().allowedUntrustedInternalConnections("127.0.0.1").developerMode(true)
            .build())
        .build().start();
    endpoint = new JenkinsEndpoint();
    jenkins = new ScriptedJenkins();
    signer = ActionSigner.builder().secret(SECRET).instanceId("jenkins-a").build();
    command = mm.createSlashCommand(MattermostSandbox.TEAM, "jenkins", endpoint.commandUrl(), "admin");
    client = MattermostClient.builder().siteUrl(mm.url()).token(MattermostSandbox.JENKINS_BOT_TOKEN)
        .team(MattermostSandbox.TEAM).retryPolicy(RetryPolicy.noRetries(Duration.ofSeconds(5))).build();
    chatOps = chatOps(ChatOpsConfig.builder().commandToken(command.token())
        .logRedactor(line -> line.replace("hunter2", "****")).build());
    endpoint.serve(chatOps);
  }

  private ChatOps chatOps(ChatOpsConfig config) {
    return ChatOps.builder().client(client).port(jenkins).buttons(AlertButtons.of(endpoint.actionsUrl(), signer))
        .config(config).audit(audit::add).log(log::add).build();
  }

  @AfterEach
  void stop() {
    mm.close();
    endpoint.close();
  }

  /** A failure of app/main #42 in ~builds, posted by the engine with the ChatOps buttons; returns its root post. */
  private ReceivedPost failureAlert(BuildFacts.Builder facts) throws Exception {
    NotificationEngine engine = NotificationEngine.builder().client(client)
        .threadStore(new InMemoryJobThreads().forBuild(42)).build();
    engine.notify(facts.build(), NotifyConfig.builder().events(EnumSet.allOf(BuildEvent.class)).channel("builds")
        .alertButtons(chatOps.alertButtons()).build());
    // The engine waits for the first attempt only up to the deadline; on a loaded machine the post may land later.
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    Optional<ReceivedPost> root;
    while ((root = mm.posts(MattermostSandbox.TEAM, "builds").stream().filter(p -> p.rootId().isEmpty())
        .findFirst()).isEmpty() && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    return root.orElseThrow();
  }

  private ReceivedPost failureAlert() throws Exception {
    return failureAlert(Fixtures.build(FAILURE, SUCCESS));
  }

  private List<ReceivedPost> thread(ReceivedPost root) {
    return mm.posts(MattermostSandbox.TEAM, "builds").stream().filter(p -> p.rootId().equals(root.id())).toList();
  }

  private static JsonObject attachment(ReceivedPost post) {
    return post.attachments().get(0);
  }

  private static List<String> buttons(ReceivedPost post) {
    List<String> names = new ArrayList<>();
    for (var action : attachment(post).getAsJsonArray("actions")) {
      JsonObject json = action.getAsJsonObject();
      names.add(json.get("name").getAsString() + (json.has("disabled") ? " (disabled)" : ""));
    }
    return names;
  }

  private static String field(ReceivedPost post, String title) {
    JsonArray fields = attachment(post).getAsJsonArray("fields");
    for (var field : fields) {
      if (field.getAsJsonObject().get("title").getAsString().equals(title)) {
        return field.getAsJsonObject().get("value").getAsString();
      }
    }
    return null;
  }

  private List<String> ephemeral(String username) {
    return mm.ephemeralPosts(username).stream().map(ReceivedPost::message).toList();
  }

  // ---- buttons ---------------------------------------------------------------------------------------------------

  @Test
  void rebuildClickedInMattermostRunsAsTheClickerUpdatesTheAlertAndWritesTheThread() throws Exception {
    ReceivedPost alert = failureAlert();
    assertThat(buttons(alert)).containsExactly("Rebuild", "I'm on it", "Show log");

    ApiAnswer clicked = mm.clickButton("alice", alert.id(), "rebuild");

    assertThat(clicked.status()).as(clicked.toString()).isEqualTo(200);
    assertThat(jenkins.calls("rebuild")).singleElement().satisfies(call -> {
      assertThat(call.user().jenkinsId()).isEqualTo("alice");
      assertThat(call.job()).isEqualTo("app/main");
      assertThat(call.build()).isEqualTo(42);
    });
    ReceivedPost updated = mm.post(alert.id()).orElseThrow();
    assertThat(field(updated, "Rebuilt")).isEqualTo("by @alice as #43");
    assertThat(buttons(updated)).containsExactly("Rebuild (disabled)", "I'm on it", "Show log");
    assertThat(field(updated, "Status")).as("the rest of the alert stays").isEqualTo(":x: Failure");
    assertThat(thread(alert)).extracting(ReceivedPost::message).contains(":repeat: Rebuilt by @alice as #43.");
    assertThat(ephemeral("alice")).isEmpty();
    assertThat(audit).anyMatch(event -> event.allowed() && event.action().equals("rebuild")
        && event.jenkinsUser().equals("alice") && event.outcome().equals("started #43"));
    jenkins.assertEveryCallWasAs("alice");
  }

  @Test
  void theUpdatedButtonsStillWorkAndARebuildHappensOncePerBuild() throws Exception {
    ReceivedPost alert = failureAlert();
    mm.clickButton("alice", alert.id(), "rebuild");

    ApiAnswer again = mm.clickButton("alice", alert.id(), "rebuild");
    ApiAnswer claim = mm.clickButton("alice", alert.id(), "claim");

    assertThat(again.status()).isEqualTo(200);
    assertThat(claim.status()).as("re-signed buttons are believed").isEqualTo(200);
    assertThat(jenkins.calls("rebuild")).hasSize(1);
    assertThat(ephemeral("alice")).singleElement().asString().contains("was already rebuilt by @alice");
  }

  @Test
  void aUserWithoutBuildCannotRebuildAndIsToldWhichPermission() throws Exception {
    ReceivedPost alert = failureAlert();

    mm.clickButton("bob", alert.id(), "rebuild");

    assertThat(jenkins.calls("rebuild")).isEmpty();
    assertThat(ephemeral("bob")).singleElement().asString()
        .contains("You need the **Job/Build** permission on **app/main** to rebuild it (you have: Job/Read)");
    assertThat(mm.post(alert.id()).orElseThrow().isEdited()).isFalse();
    assertThat(audit).anyMatch(event -> !event.allowed() && event.outcome().equals("missing Job/Build"));
    jenkins.assertEveryCallWasAs("bob");
  }

  @Test
  void someoneWithoutAJenkinsUserIsRefusedBeforeJenkinsIsAskedAnything() throws Exception {
    ReceivedPost alert = failureAlert();

    mm.clickButton("admin", alert.id(), "showlog");

    assertThat(jenkins.calls).isEmpty();
    assertThat(jenkins.identified).extracting(MattermostUser::username).containsExactly("admin");
    assertThat(ephemeral("admin")).singleElement().asString().contains("is not linked to a Jenkins user");
  }

  @Test
  void twoPeopleClaimingAtOnceGetOneWinnerAndTheOtherIsToldWho() throws Exception {
    ReceivedPost alert = failureAlert();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<ApiAnswer>> clicks = new ArrayList<>();
    for (String who : List.of("alice", "bob")) {
      clicks.add(pool.submit(() -> {
        go.await();
        return mm.clickButton(who, alert.id(), "claim");
      }));
    }
    go.countDown();
    for (Future<ApiAnswer> click : clicks) {
      assertThat(click.get().status()).isEqualTo(200);
    }
    pool.shutdown();

    List<String> claimed = thread(alert).stream().map(ReceivedPost::message).filter(m -> m.contains("is on it"))
        .toList();
    assertThat(claimed).hasSize(1);
    String winner = claimed.get(0).contains("@alice") ? "alice" : "bob";
    String loser = winner.equals("alice") ? "bob" : "alice";
    assertThat(ephemeral(winner)).isEmpty();
    assertThat(ephemeral(loser)).singleElement().asString().contains("@" + winner + " is already on it");
    ReceivedPost updated = mm.post(alert.id()).orElseThrow();
    assertThat(field(updated, "On it")).isEqualTo("@" + winner);
    assertThat(buttons(updated)).containsExactly("Rebuild", "Release", "Show log");
  }

  @Test
  void onlyTheHolderReleasesAndThenTheClaimButtonIsBack() throws Exception {
    ReceivedPost alert = failureAlert();
    mm.clickButton("alice", alert.id(), "claim");

    mm.clickButton("bob", alert.id(), "release");
    assertThat(ephemeral("bob")).singleElement().asString().contains("@alice is on it; only @alice can release it");
    mm.clickButton("alice", alert.id(), "release");

    ReceivedPost updated = mm.post(alert.id()).orElseThrow();
    assertThat(field(updated, "On it")).isNull();
    assertThat(buttons(updated)).containsExactly("Rebuild", "I'm on it", "Show log");
    assertThat(thread(alert)).extracting(ReceivedPost::message)
        .contains(":wave: @alice released it; nobody is on it now.");
  }

  @Test
  void showLogReachesOnlyTheClickerWithSecretsMasked() throws Exception {
    ReceivedPost alert = failureAlert();
    jenkins.log = List.of("deploying with password hunter2", "POST " + mm.url() + "/hooks/abcdefghijklmnopqrstuvwxyz",
        "@channel the build broke", "done");

    mm.clickButton("bob", alert.id(), "showlog");

    String shown = ephemeral("bob").get(0);
    assertThat(shown).startsWith("**Last 4 lines of app/main #42** (only you can see this)\n```");
    assertThat(shown).contains("password ****", "/hooks/****").doesNotContain("hunter2", "abcdefghijklmnopqrstuvwxyz");
    assertThat(ephemeral("alice")).isEmpty();
    assertThat(thread(alert)).isEmpty();
    assertThat(jenkins.calls("logTail")).singleElement().satisfies(call -> assertThat(call.user().jenkinsId())
        .isEqualTo("bob"));
  }

  @Test
  void abortOnARunningBuildsStartedPost() throws Exception {
    NotificationEngine.builder().client(client).threadStore(new InMemoryJobThreads().forBuild(42)).build()
        .notify(Fixtures.build(null).build(), NotifyConfig.builder().events(EnumSet.allOf(BuildEvent.class))
            .channel("builds").alertButtons(chatOps.alertButtons()).build());
    ReceivedPost started = mm.posts(MattermostSandbox.TEAM, "builds").get(0);
    assertThat(buttons(started)).containsExactly("Abort");

    mm.clickButton("bob", started.id(), "abort");
    assertThat(ephemeral("bob")).singleElement().asString().contains("**Job/Cancel**");
    mm.clickButton("alice", started.id(), "abort");

    assertThat(jenkins.calls("abort")).singleElement().satisfies(call -> {
      assertThat(call.user().jenkinsId()).isEqualTo("alice");
      assertThat(call.build()).isEqualTo(42);
    });
    ReceivedPost updated = mm.post(started.id()).orElseThrow();
    assertThat(buttons(updated)).containsExactly("Abort (disabled)");
    assertThat(field(updated, "Aborted")).isEqualTo("by @alice");
    assertThat(thread(started)).extracting(ReceivedPost::message).containsExactly(":no_entry_sign: Aborted by @alice.");
  }

  @Test
  void aBroadcastMentionInAJobNameNeverPings() throws Exception {
    jenkins.jobs.add("team/@channel-deploy");
    ReceivedPost alert = failureAlert(Fixtures.build(FAILURE, SUCCESS).jobName("team/@channel-deploy")
        .jobDisplayName("@here deploy"));

    mm.clickButton("alice", alert.id(), "rebuild");
    mm.clickButton("bob", alert.id(), "rebuild");

    List<String> said = new ArrayList<>(thread(alert).stream().map(ReceivedPost::message).toList());
    said.addAll(ephemeral("bob"));
    // What clients render; the actions' integration (with the job's full name) never reaches them.
    for (JsonObject rendered : mm.post(alert.id()).orElseThrow().attachments()) {
      rendered.remove("actions");
      said.add(rendered.toString());
    }
    assertThat(said).isNotEmpty().noneMatch(text -> BROADCAST.matcher(text).find());
    assertThat(ephemeral("bob").get(0)).contains("team/@\u2060channel-deploy");
  }

  // ---- contexts that are not believed ------------------------------------------------------------------------------

  /** The click Mattermost would send for a post carrying {@code context}. */
  private HttpReply click(String user, Map<String, Object> context) {
    String body = ActionRequest.builder().userId(mm.userId(user)).userName(user)
        .channelId(mm.channelId(MattermostSandbox.TEAM, "builds")).channelName("builds")
        .postId("post00000000000000000000aa").type("button").context(context).build().toJson();
    return chatOps.handleAction(body.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  private static String ephemeralText(HttpReply reply) {
    assertThat(reply.status()).isEqualTo(200);
    return JsonParser.parseString(reply.body()).getAsJsonObject().get("ephemeral_text").getAsString();
  }

  private static ActionContext rebuild42(Instant at) {
    return new ActionContext(ChatAction.REBUILD, "app/main", 42, "builds", at);
  }

  @Test
  void refusesForgedTamperedExpiredAndOtherJenkinsContextsWithoutAskingJenkins() {
    Instant now = Instant.now();
    ActionSigner forger = ActionSigner.builder().secret("a forger's own secret of 32 bytes!".getBytes(
        StandardCharsets.US_ASCII)).instanceId("jenkins-a").build();
    Map<String, Object> tampered = new java.util.LinkedHashMap<>(signer.sign(rebuild42(now)));
    tampered.put("job", "prod/deploy");
    ActionSigner otherJenkins = ActionSigner.builder().secret(SECRET).instanceId("jenkins-b").build();
    ActionSigner fifteenDaysLater = ActionSigner.builder().secret(SECRET).instanceId("jenkins-a")
        .clock(Clock.fixed(now.plus(Duration.ofDays(15)), ZoneOffset.UTC)).build();

    assertThat(ephemeralText(click("alice", forger.sign(rebuild42(now))))).contains("rotated");
    assertThat(ephemeralText(click("alice", tampered))).contains("changed after Jenkins signed it");
    assertThat(ephemeralText(click("alice", otherJenkins.sign(rebuild42(now))))).contains("another Jenkins");
    assertThat(ephemeralText(click("alice", signer.sign(rebuild42(now.minus(Duration.ofDays(15)))))))
        .contains("expired");
    assertThat(fifteenDaysLater.verify(signer.sign(rebuild42(now))).refusal())
        .isEqualTo(ActionSigner.Refusal.EXPIRED);
    assertThat(ephemeralText(click("alice", Map.of("action", "rebuild", "job", "app/main", "build", "42"))))
        .contains("not made by this Jenkins");
    assertThat(jenkins.calls).isEmpty();
    assertThat(audit).hasSize(5).noneMatch(AuditEvent::allowed);
  }

  @Test
  void refusesAReplayedRebuildAndAButtonMovedToAnotherChannel() {
    Map<String, Object> context = signer.sign(rebuild42(Instant.now()));

    click("alice", context);
    String replayed = ephemeralText(click("alice", context));
    Map<String, Object> elsewhere = signer.sign(new ActionContext(ChatAction.REBUILD, "app/main", 42, "alerts",
        Instant.now()));

    assertThat(replayed).contains("was already rebuilt by @alice");
    assertThat(ephemeralText(click("alice", elsewhere))).contains("made for another channel");
    assertThat(jenkins.calls("rebuild")).hasSize(1);
  }

  @Test
  void oversizedMalformedAndMistypedBodiesGetAClearError() {
    HttpReply huge = chatOps.handleAction(new byte[ChatOps.MAX_BODY_BYTES + 1], "application/json");
    HttpReply notJson = chatOps.handleAction("{\"user_id\":".getBytes(StandardCharsets.UTF_8), "application/json");
    HttpReply form = chatOps.handleAction("a=b".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    HttpReply noUser = chatOps.handleAction("{}".getBytes(StandardCharsets.UTF_8), "application/json");

    assertThat(huge.status()).isEqualTo(413);
    assertThat(huge.body()).contains("larger than 65536 bytes");
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.body()).startsWith("Not a Mattermost action request: body: not JSON");
    assertThat(form.status()).isEqualTo(415);
    assertThat(form.body()).contains("Content-Type must be application/json");
    assertThat(noUser.body()).contains("user_id: must be a 26-character Mattermost id");
    assertThat(chatOps.handleCommand(new byte[ChatOps.MAX_BODY_BYTES + 1], "application/x-www-form-urlencoded",
        "Token " + command.token()).status()).isEqualTo(413);
    assertThat(jenkins.calls).isEmpty();
  }

  @Test
  void limitsEachPersonsRate() throws Exception {
    chatOps = chatOps(ChatOpsConfig.builder().commandToken(command.token()).rateLimit(2, Duration.ofMinutes(1))
        .build());
    endpoint.serve(chatOps);
    ReceivedPost alert = failureAlert();

    for (int i = 0; i < 3; i++) {
      mm.clickButton("bob", alert.id(), "showlog");
    }
    mm.clickButton("alice", alert.id(), "showlog");

    assertThat(jenkins.calls("logTail")).hasSize(3);
    assertThat(ephemeral("bob").get(2)).startsWith(":hourglass: Slow down: at most 2 requests per 60 s.");
  }

  // ---- /jenkins --------------------------------------------------------------------------------------------------

  @Test
  void buildAnswersTheChannelWithWhoDidItAndNeverEchoesParameterValues() throws Exception {
    ApiAnswer answer = mm.runCommand("alice", MattermostSandbox.TEAM, "builds",
        "/jenkins build team/app/main VERSION=\"1.2 rc\" PASSWORD=hunter2 NOTE=@channel");

    assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
    assertThat(jenkins.calls("build")).singleElement().satisfies(call -> {
      assertThat(call.user().jenkinsId()).isEqualTo("alice");
      assertThat(call.parameters()).containsExactly(Map.entry("VERSION", "1.2 rc"), Map.entry("PASSWORD", "hunter2"),
          Map.entry("NOTE", "@channel"));
    });
    ReceivedPost said = mm.posts(MattermostSandbox.TEAM, "builds").get(0);
    assertThat(said.username()).isEqualTo("alice");
    assertThat(said.fromWebhook()).isTrue();
    assertThat(said.message()).isEqualTo(":arrow_forward: @alice started **team/app/main** #43 with VERSION, "
        + "PASSWORD, NOTE.");
    assertThat(said.message()).doesNotContain("hunter2", "1.2 rc");
    assertThat(BROADCAST.matcher(said.message()).find()).isFalse();
    jenkins.assertEveryCallWasAs("alice");
  }

  @Test
  void queriesAndErrorsAnswerOnlyTheUserWithDidYouMean() throws Exception {
    // bob is no member of ~builds: he types in ~town-square.
    mm.runCommand("bob", MattermostSandbox.TEAM, "town-square", "/jenkins status team/app/mian");
    mm.runCommand("bob", MattermostSandbox.TEAM, "town-square", "/jenkins status team/app/main");
    mm.runCommand("bob", MattermostSandbox.TEAM, "town-square", "/jenkins build team/app/main");
    mm.runCommand("bob", MattermostSandbox.TEAM, "town-square", "/jenkins biuld x");
    mm.runCommand("bob", MattermostSandbox.TEAM, "town-square", "/jenkins");

    List<String> answers = ephemeral("bob");
    assertThat(answers.get(0)).contains("No job **team/app/mian**", "Did you mean **team/app/main**?");
    assertThat(answers.get(1)).startsWith("**team/app/main #42**: :x: failed after 3 min 12 sec");
    assertThat(answers.get(2)).contains("You need the **Job/Build** permission on **team/app/main** to build it");
    assertThat(answers.get(3)).contains("there is no subcommand 'biuld'; did you mean build?");
    assertThat(answers.get(4)).startsWith("**/jenkins** runs Jenkins from here, as you");
    assertThat(mm.posts(MattermostSandbox.TEAM, "town-square")).isEmpty();
    assertThat(jenkins.calls("build")).isEmpty();
  }

  @Test
  void aBuildThatStartsLaterReportsItsNumberInTheJobsThread() throws Exception {
    ReceivedPost alert = failureAlert();
    jenkins.jobThread = java.util.Optional.of(PostRef.of(alert.id(), alert.channelId()));
    jenkins.start = new CompletableFuture<>();

    mm.runCommand("alice", MattermostSandbox.TEAM, "builds", "/jenkins build app/main");
    jenkins.start.complete(57);

    ReceivedPost queued = mm.posts(MattermostSandbox.TEAM, "builds").stream()
        .filter(p -> p.username().equals("alice")).findFirst().orElseThrow();
    assertThat(queued.message()).contains("@alice queued a build of **app/main**");
    assertThat(mm.awaitPosts(MattermostSandbox.TEAM, "builds", 3, Duration.ofSeconds(5)))
        .anyMatch(p -> p.rootId().equals(alert.id()) && p.message().equals(":arrow_forward: **app/main** #57 started "
            + "by @alice."));
  }

  @Test
  void slowAnswersComeFirstAsWorkingOnItThenThroughTheResponseUrl() throws Exception {
    chatOps = chatOps(ChatOpsConfig.builder().commandToken(command.token()).answerWithin(Duration.ofMillis(300))
        .build());
    endpoint.serve(chatOps);
    jenkins.slowMillis = 500;

    ApiAnswer answer = mm.runCommand("bob", MattermostSandbox.TEAM, "town-square", "/jenkins status team/app/main");

    assertThat(answer.status()).isEqualTo(200);
    assertThat(ephemeral("bob")).first().asString().contains("Working on it");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (ephemeral("bob").size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(ephemeral("bob")).hasSize(2);
    assertThat(ephemeral("bob").get(1)).startsWith("**team/app/main #42**");
  }

  @Test
  void aWrongOrMissingTokenIsRefusedBeforeAnythingElse() throws Exception {
    SlashCommand form = SlashCommand.builder().token(command.token()).teamId(mm.teamId(MattermostSandbox.TEAM))
        .channelId(mm.channelId(MattermostSandbox.TEAM, "builds")).channelName("builds")
        .userId(mm.userId("alice")).userName("alice").command("/jenkins").text("build app/main").build();
    byte[] body = form.toForm().getBytes(StandardCharsets.UTF_8);
    String type = "application/x-www-form-urlencoded";
    String nearlyRight = command.token().substring(0, 25) + "x";

    assertThat(chatOps.handleCommand(body, type, null).status()).as("header missing").isEqualTo(401);
    assertThat(chatOps.handleCommand(body, type, "Token " + nearlyRight).status()).isEqualTo(401);
    assertThat(chatOps.handleCommand(body, type, "Token " + command.token() + "x").status()).isEqualTo(401);
    assertThat(chatOps.handleCommand(body, type, "Bearer " + command.token()).status()).isEqualTo(401);
    byte[] wrongForm = SlashCommand.parseForm(form.toForm().replace(command.token(), nearlyRight)).toForm()
        .getBytes(StandardCharsets.UTF_8);
    assertThat(chatOps.handleCommand(wrongForm, type, "Token " + command.token()).status()).as("form wrong")
        .isEqualTo(401);
    assertThat(jenkins.calls).isEmpty();
    assertThat(jenkins.identified).isEmpty();

    // The same refusal as Mattermost shows it to the person typing.
    chatOps = chatOps(ChatOpsConfig.builder().commandToken("someOtherToken000000000000").build());
    endpoint.serve(chatOps);
    ApiAnswer refused = mm.runCommand("alice", MattermostSandbox.TEAM, "builds", "/jenkins build app/main");
    assertThat(refused.message()).isEqualTo("Command with a trigger of 'jenkins' returned response 401 Unauthorized.");
    assertThat(refused.detailedError()).doesNotContain(command.token());
  }

  @Test
  void onlyTheAllowedTeamsMayCommand() {
    chatOps = chatOps(ChatOpsConfig.builder().commandToken(command.token())
        .allowedTeamIds(java.util.Set.of("team0000000000000000000001")).build());
    endpoint.serve(chatOps);

    mm.runCommand("alice", MattermostSandbox.TEAM, "builds", "/jenkins build app/main");

    assertThat(ephemeral("alice")).singleElement().asString().contains("does not take /jenkins from this team");
    assertThat(jenkins.calls).isEmpty();
  }
}
