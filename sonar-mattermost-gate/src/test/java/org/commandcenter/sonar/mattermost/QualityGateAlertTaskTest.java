package org.commandcenter.sonar.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.commandcenter.mattermost.RetryPolicy;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.ReceivedPost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.event.Level;
import org.sonar.api.ce.posttask.PostProjectAnalysisTaskTester;
import org.sonar.api.ce.posttask.QualityGate;
import org.sonar.api.testfixtures.log.LogTesterJUnit5;

/** The task against the Mattermost stand-in (and a fake SonarQube Web API): what goes over the wire. */
class QualityGateAlertTaskTest {

  private static final String TEAM = MattermostSandbox.TEAM;
  private static final String WEB_API_TOKEN = "squ_webapi_s3cret";

  /**
   * Short delays so an outage and its recovery fit in a test; the shape is production's. The read timeout stays
   * production's 5 s and a send may take 5 s (production: 20 s): an answer from the local stand-in that a loaded
   * machine delays past a second must not turn into a retry (over a webhook, a duplicate post).
   */
  private static final DeliveryTuning FAST = new DeliveryTuning(Duration.ofMillis(300), Duration.ofSeconds(5),
      RetryPolicy.builder().maxAttempts(2).initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(200))
          .deadline(Duration.ofSeconds(5)).build(),
      10, Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofSeconds(2));

  @TempDir
  Path dataDir;

  @RegisterExtension
  final LogTesterJUnit5 logTester = new LogTesterJUnit5();

  private MattermostSandbox mattermost;
  private MockWebServer sonarWebApi;
  private AlertDelivery delivery;
  private MapConfiguration config;
  private QualityGateAlertTask task;
  private LastGateStatuses lastStatuses;
  private volatile String previousGateStatus = "OK";
  private volatile int webApiStatus = 200;

  @BeforeEach
  void start() throws Exception {
    mattermost = MattermostSandbox.builder().withSampleData()
        .channel(TEAM, "team-b")
        .members(TEAM, "team-b", "sonar-bot")
        .channel(TEAM, "shop-oncall")
        .members(TEAM, "shop-oncall", "sonar-bot")
        .build();
    mattermost.start();
    sonarWebApi = new MockWebServer();
    sonarWebApi.setDispatcher(new FakeSonarWebApi());
    sonarWebApi.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
    config = new MapConfiguration()
        .set(AlertDelivery.PATH_DATA, dataDir.toString())
        .set(MattermostProperties.SITE_URL, mattermost.url())
        .set(MattermostProperties.BOT_TOKEN, MattermostSandbox.SONAR_BOT_TOKEN)
        .set(MattermostProperties.TEAM, TEAM)
        .set(MattermostProperties.DEFAULT_CHANNEL, "alerts")
        .set(MattermostProperties.WAR_ROOM_CHANNEL, "war-room");
    delivery = started();
    lastStatuses = new LastGateStatuses(config);
    task = new QualityGateAlertTask(config, new FixedServer("https://sonar.example.com/"), delivery,
        lastStatuses, GateSettingsSource.readEveryTime(config));
  }

  /** What the Compute Engine does at start: create the component and start it (it resumes the outbox). */
  private AlertDelivery started() {
    AlertDelivery created = AlertDelivery.withTuning(config, FAST);
    created.start();
    return created;
  }

  @AfterEach
  void stop() throws Exception {
    delivery.stop();
    lastStatuses.stop();
    sonarWebApi.close();
    mattermost.close();
  }

  @Test
  void postsFailureAttachmentWhenGateFails() throws Exception {
    PostProjectAnalysisTaskTester tester = Analyses.tester(task, Analyses.failingGate());

    tester.execute();

    ReceivedPost post = single("alerts");
    assertThat(post.username()).isEqualTo("sonar-bot");
    JsonObject attachment = post.attachments().get(0);
    assertThat(attachment.get("title").getAsString()).isEqualTo("Quality gate failed: Shop Backend");
    assertThat(attachment.get("title_link").getAsString()).isEqualTo("https://sonar.example.com/dashboard?id=shop");
    assertThat(attachment.get("color").getAsString()).isEqualTo(AlertMessage.RED);
    assertThat(attachment.get("text").getAsString())
        .contains("[Coverage on New Code](https://sonar.example.com/component_measures?id=shop&metric=new_coverage)"
            + ": **45.2%**, required ≥ 80.0%")
        .contains("**C**, required A")
        .contains("[Join the War Room](" + mattermost.url() + "/factory/channels/war-room?join_call=true)");
    assertThat(attachment.getAsJsonArray("fields").toString()).contains("Sonar way").contains("Failed");
    assertThat(tester.getLogStatistics()).containsEntry(QualityGateAlertTask.LOG_STATISTIC, "queued");
    awaitDelivered(1);
  }

  @Test
  void postsAPassedGateOnEveryAnalysisInAlwaysMode() throws Exception {
    config.set(MattermostProperties.NOTIFY, "always");
    PostProjectAnalysisTaskTester tester = Analyses.tester(task, Analyses.passingGate());

    tester.execute();

    JsonObject attachment = single("alerts").attachments().get(0);
    assertThat(attachment.get("title").getAsString()).isEqualTo("Quality gate passed: Shop Backend");
    assertThat(attachment.get("color").getAsString()).isEqualTo(AlertMessage.GREEN);
    assertThat(attachment.get("text").getAsString()).doesNotContain("War Room");
    assertThat(tester.getLogStatistics()).containsEntry(QualityGateAlertTask.LOG_STATISTIC, "queued");
  }

  @Test
  void stillAlertsWithWorkingLinksWhenTheServerBaseUrlIsNotAUrl() throws Exception {
    config.set("sonar.web.port", "9100");
    task = new QualityGateAlertTask(config, new FixedServer("sonar.example.com"), delivery,
        lastStatuses, GateSettingsSource.readEveryTime(config));

    Analyses.tester(task, Analyses.failingGate()).execute();

    JsonObject attachment = single("alerts").attachments().get(0);
    assertThat(attachment.get("title_link").getAsString()).isEqualTo("http://localhost:9100/dashboard?id=shop");
    assertThat(logTester.logs(Level.WARN)).anyMatch(log -> log.contains(ServerUrls.SERVER_BASE_URL));
  }

  @Test
  void postsNothingWhenGatePassesInFailedMode() {
    PostProjectAnalysisTaskTester tester = Analyses.tester(task, Analyses.passingGate());

    tester.execute();

    assertThat(mattermost.allPosts()).isEmpty();
    assertThat(tester.getLogStatistics()).containsEntry(QualityGateAlertTask.LOG_STATISTIC, "skipped");
  }

  @Test
  void postsBackToGreenWhenTheGateChangesFromFailedToPassed() throws Exception {
    changesMode();
    previousGateStatus = "ERROR";

    Analyses.tester(task, Analyses.passingGate()).execute();

    JsonObject attachment = single("alerts").attachments().get(0);
    assertThat(attachment.get("title").getAsString()).isEqualTo("Back to green: Shop Backend");
    assertThat(attachment.get("color").getAsString()).isEqualTo(AlertMessage.GREEN);
    RecordedRequest analyses = sonarWebApi.takeRequest(5, TimeUnit.SECONDS);
    assertThat(analyses.getUrl().encodedPath()).isEqualTo("/api/project_analyses/search");
    assertThat(analyses.getUrl().queryParameter("project")).isEqualTo("shop");
    assertThat(analyses.getHeaders().get("Authorization")).isEqualTo(okhttp3.Credentials.basic(WEB_API_TOKEN, ""));
    RecordedRequest status = sonarWebApi.takeRequest(5, TimeUnit.SECONDS);
    assertThat(status.getUrl().queryParameter("analysisId")).isEqualTo("AYz-previous-analysis");
  }

  @Test
  void staysQuietWhileTheGateKeepsFailingInChangesMode() throws Exception {
    changesMode();
    previousGateStatus = "ERROR";

    Analyses.tester(task, Analyses.failingGate()).execute();

    awaitLog(Level.INFO, "no alert for shop (GATE_FAILED to alerts (default channel)): gate still failing");
    awaitSettled();
    assertThat(sonarWebApi.getRequestCount()).isEqualTo(2);
    assertThat(mattermost.allPosts()).isEmpty();
    assertThat(mattermost.requests()).isEmpty();
    assertThat(delivery.health().delivered()).isZero();
  }

  @Test
  void alertsWhenTheGateStartsFailingInChangesMode() throws Exception {
    changesMode();
    previousGateStatus = "OK";

    Analyses.tester(task, Analyses.failingGate()).execute();

    assertThat(single("alerts").attachments().get(0).get("title").getAsString()).startsWith("Quality gate failed");
  }

  @Test
  void fallsBackToFailedOnlyWhenTheWebApiRefusesTheToken() throws Exception {
    changesMode();
    webApiStatus = 403;

    Analyses.tester(task, Analyses.failingGate()).execute();
    Analyses.tester(task, Analyses.passingGate()).withBranch(Analyses.branch("feature/y")).execute();

    assertThat(single("alerts").attachments().get(0).get("title").getAsString()).startsWith("Quality gate failed");
    awaitSettled();
    assertThat(mattermost.allPosts()).hasSize(1);
    assertThat(logTester.logs(Level.WARN))
        .anyMatch(log -> log.contains("HTTP 403") && log.contains("Browse permission"))
        .anyMatch(log -> log.contains("unknown, alerting as for 'failed'"))
        .anyMatch(log -> log.contains("unknown, not alerting as for 'failed'"));
    assertThat(String.join("\n", logTester.logs())).doesNotContain(WEB_API_TOKEN)
        .doesNotContain(MattermostSandbox.SONAR_BOT_TOKEN);
  }

  @Test
  void comparesWithTheLastAnalysisItSawWithoutAskingTheWebApiAgain() throws Exception {
    changesMode();
    previousGateStatus = "OK";
    Analyses.tester(task, Analyses.failingGate()).withAnalysisUuid("AYz-analysis-1").execute();
    awaitDelivered(1);
    assertThat(sonarWebApi.getRequestCount()).isEqualTo(2);
    // The Web API would now say the gate passed before; the analysis before this one is the failed one above.
    previousGateStatus = "OK";

    Analyses.tester(task, Analyses.passingGate()).withAnalysisUuid("AYz-analysis-2")
        .at(Date.from(Analyses.DATE.plusSeconds(60))).execute();

    awaitDelivered(2);
    assertThat(mattermost.posts(TEAM, "alerts")).extracting(post -> post.attachments().get(0).get("title")
        .getAsString()).containsExactly("Quality gate failed: Shop Backend", "Back to green: Shop Backend");
    assertThat(sonarWebApi.getRequestCount()).isEqualTo(2);
  }

  @Test
  void remembersEachBranchApartAndKeepsAProjectsHistoryAcrossAKeyRename() throws Exception {
    changesMode();
    previousGateStatus = "OK";
    Analyses.tester(task, Analyses.failingGate()).withAnalysisUuid("AYz-main-1").execute();
    // A passing branch: were branches mixed up, main's next failure would look like a change.
    Analyses.tester(task, Analyses.passingGate()).withAnalysisUuid("AYz-feature-1")
        .withBranch(Analyses.branch("feature/x")).at(Date.from(Analyses.DATE.plusSeconds(30))).execute();
    awaitSettled();
    int askedBefore = sonarWebApi.getRequestCount();

    // main, renamed from shop to shop-backend: still failing, so still quiet, and no Web API request.
    PostProjectAnalysisTaskTester renamed = Analyses.tester(task, Analyses.failingGate()).withAnalysisUuid("AYz-main-2")
        .withProject(PostProjectAnalysisTaskTester.newProjectBuilder()
            .setUuid("uuid-shop").setKey("shop-backend").setName("Shop Backend").build())
        .at(Date.from(Analyses.DATE.plusSeconds(60)));
    renamed.execute();

    assertThat(renamed.getLogStatistics()).containsEntry(QualityGateAlertTask.LOG_STATISTIC, "skipped");
    assertThat(sonarWebApi.getRequestCount()).isEqualTo(askedBefore);
    awaitDelivered(1);
    assertThat(mattermost.posts(TEAM, "alerts")).hasSize(1);
  }

  @Test
  void asksTheWebApiWhenTheRememberedStatusIsUnreadable() throws Exception {
    changesMode();
    Analyses.tester(task, Analyses.failingGate()).withAnalysisUuid("AYz-analysis-1").execute();
    awaitDelivered(1);
    lastStatuses.awaitWritten();
    Path remembered;
    try (java.util.stream.Stream<Path> files = Files.list(dataDir.resolve(LastGateStatuses.DIRECTORY))) {
      remembered = files.filter(file -> !file.toString().endsWith(".tmp")).findFirst().orElseThrow();
    }
    Files.writeString(remembered, "garbage");
    previousGateStatus = "ERROR";
    int askedBefore = sonarWebApi.getRequestCount();

    Analyses.tester(task, Analyses.passingGate()).withAnalysisUuid("AYz-analysis-2")
        .at(Date.from(Analyses.DATE.plusSeconds(60))).execute();

    awaitDelivered(2);
    assertThat(sonarWebApi.getRequestCount()).isEqualTo(askedBefore + 2);
    assertThat(mattermost.posts(TEAM, "alerts")).extracting(post -> post.attachments().get(0).get("title")
        .getAsString()).contains("Back to green: Shop Backend");
    assertThat(logTester.logs(Level.WARN)).anyMatch(log -> log.contains("unreadable remembered quality gate status"));
  }

  @Test
  void postsAnAnalysisFailedAlert() throws Exception {
    PostProjectAnalysisTaskTester tester = Analyses.failedTask(task);

    tester.execute();

    JsonObject attachment = single("alerts").attachments().get(0);
    assertThat(attachment.get("title").getAsString()).isEqualTo("Analysis failed: Shop Backend");
    assertThat(attachment.get("title_link").getAsString())
        .isEqualTo("https://sonar.example.com/project/background_tasks?id=shop");
  }

  @Test
  void linksTheBranchOfABranchAnalysis() throws Exception {
    Analyses.tester(task, Analyses.failingGate()).withBranch(Analyses.branch("release/2.1")).execute();

    JsonObject attachment = single("alerts").attachments().get(0);
    assertThat(attachment.get("title_link").getAsString())
        .isEqualTo("https://sonar.example.com/dashboard?id=shop&branch=release%2F2.1");
    assertThat(attachment.getAsJsonArray("fields").toString()).contains("Branch").contains("release/2.1");
  }

  @Test
  void skipsBranchesOutsideTheFilter() {
    config.set(MattermostProperties.BRANCHES, "main|release/.*");

    PostProjectAnalysisTaskTester tester = Analyses.tester(task, Analyses.failingGate())
        .withBranch(Analyses.branch("feature/login"));
    tester.execute();

    assertThat(mattermost.allPosts()).isEmpty();
    assertThat(tester.getLogStatistics()).containsEntry(QualityGateAlertTask.LOG_STATISTIC, "skipped");
  }

  @Test
  void alertsOnPullRequestsOnlyWhenTurnedOn() throws Exception {
    Analyses.tester(task, Analyses.failingGate()).withBranch(Analyses.pullRequest("42")).execute();
    assertThat(mattermost.allPosts()).isEmpty();

    config.set(MattermostProperties.PULL_REQUESTS, "true");
    Analyses.tester(task, Analyses.failingGate()).withBranch(Analyses.pullRequest("42")).execute();

    JsonObject attachment = single("alerts").attachments().get(0);
    assertThat(attachment.get("title_link").getAsString())
        .isEqualTo("https://sonar.example.com/dashboard?id=shop&pullRequest=42");
    assertThat(attachment.get("fallback").getAsString()).endsWith("(pull request 42)");
  }

  @Test
  void explainsConditionsWithoutValue() throws Exception {
    QualityGate gate = Analyses.gate(QualityGate.Status.ERROR,
        Analyses.failed("new_violations", QualityGate.Operator.GREATER_THAN, "0", "12"),
        Analyses.noValue("new_coverage", QualityGate.Operator.LESS_THAN, "80"));

    Analyses.tester(task, gate).execute();

    assertThat(single("alerts").attachments().get(0).get("text").getAsString())
        .contains("**1 failed condition**")
        .contains("): **12**, required ≤ 0")
        .contains("Not evaluated (no value yet): Coverage on New Code");
  }

  @Test
  void routesToTheProjectsOwnChannelOnlyWhenAllowed() throws Exception {
    config.set(MattermostProperties.ALLOWED_CHANNELS, "team-b");

    Analyses.tester(task, Analyses.failingGate()).withScannerContext(scannerContext("town-square")).execute();
    Analyses.tester(task, Analyses.failingGate()).withScannerContext(scannerContext("team-b")).execute();

    assertThat(single("alerts")).isNotNull();
    assertThat(single("team-b")).isNotNull();
    assertThat(mattermost.posts(TEAM, "town-square")).isEmpty();
    assertThat(logTester.logs(Level.WARN)).anyMatch(log -> log.contains("not in " + MattermostProperties.ALLOWED_CHANNELS));
  }

  @Test
  void postsToTheExactKeyRowRatherThanAnEarlierPatternRow() throws Exception {
    projectRows(row("sh*", "team-b"), row("shop", "shop-oncall"));

    Analyses.tester(task, Analyses.failingGate()).execute();

    assertThat(single("shop-oncall").attachments().get(0).get("title").getAsString())
        .isEqualTo("Quality gate failed: Shop Backend");
    assertThat(mattermost.posts(TEAM, "team-b")).isEmpty();
    assertThat(mattermost.posts(TEAM, "alerts")).isEmpty();
    assertThat(logTester.logs(Level.INFO)).anyMatch(log -> log.contains("to shop-oncall (exact key shop)"));
  }

  @Test
  void aRenamedProjectKeyMovesTheAlertsToThePatternItNowMatches() throws Exception {
    projectRows(row("team-b-*", "team-b"), row("shop", "shop-oncall"));

    Analyses.tester(task, Analyses.failingGate()).execute();
    // The same project (same UUID) after its administrator called api/projects/update_key?from=shop&to=team-b-shop.
    Analyses.tester(task, Analyses.failingGate())
        .withProject(PostProjectAnalysisTaskTester.newProjectBuilder()
            .setUuid("uuid-shop").setKey("team-b-shop").setName("Shop Backend").build())
        .execute();

    assertThat(single("shop-oncall").attachments().get(0).get("footer").getAsString()).isEqualTo("SonarQube · shop");
    assertThat(single("team-b").attachments().get(0).get("footer").getAsString())
        .isEqualTo("SonarQube · team-b-shop");
    // Delivery keeps the analyses' order, so nothing more can reach the old key's channel now.
    assertThat(mattermost.posts(TEAM, "shop-oncall")).hasSize(1);
    assertThat(mattermost.posts(TEAM, "alerts")).isEmpty();
  }

  @Test
  void postsThroughAnIncomingWebhook() throws Exception {
    config.remove(MattermostProperties.BOT_TOKEN).remove(MattermostProperties.SITE_URL)
        .set(MattermostProperties.WEBHOOK_URL, mattermost.hookUrl(MattermostSandbox.SONAR_HOOK))
        .set(MattermostProperties.DEFAULT_CHANNEL, "war-room");

    Analyses.tester(task, Analyses.failingGate()).execute();

    ReceivedPost post = single("war-room");
    assertThat(post.fromWebhook()).isTrue();
    assertThat(post.attachments().get(0).get("text").getAsString())
        .contains("[Join the War Room](" + mattermost.url() + "/factory/channels/war-room?join_call=true)");
  }

  @Test
  void boundsTheComputeEngineTimeWhileMattermostIsDownAndDeliversWhenItIsBack() throws Exception {
    warmUp();
    mattermost.faults().down();
    PostProjectAnalysisTaskTester tester = Analyses.tester(task, Analyses.failingGate());

    long started = System.nanoTime();
    tester.execute();
    Duration spent = Duration.ofNanos(System.nanoTime() - started);

    assertThat(spent).isLessThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(tester.getLogStatistics()).containsEntry(QualityGateAlertTask.LOG_STATISTIC, "queued");
    Thread.sleep(700);
    assertThat(mattermost.allPosts()).isEmpty();
    mattermost.faults().up();

    List<ReceivedPost> posts = mattermost.awaitPosts(TEAM, "alerts", 1, Duration.ofSeconds(15));
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).attachments().get(0).get("title").getAsString()).startsWith("Quality gate failed");
    awaitDelivered(1);
    assertThat(delivery.health().failed()).isZero();
    // One line when delivery stopped working, one when it recovered, each with the counts.
    awaitLog(Level.INFO, "delivery works again");
    assertThat(logTester.logs(Level.WARN)).filteredOn(log -> log.contains("delivery stopped working")).hasSize(1)
        .allSatisfy(log -> assertThat(log).contains("waiting=1"));
    assertThat(logTester.logs(Level.INFO)).filteredOn(log -> log.contains("delivery works again")).hasSize(1)
        .allSatisfy(log -> assertThat(log).contains("waiting=0, delivered=1, failed=0"));
  }

  @Test
  void theTaskOnlyWritesTheAlertAndItSurvivesARestartOfTheComputeEngine() throws Exception {
    warmUp();
    mattermost.faults().down();
    PostProjectAnalysisTaskTester tester = Analyses.tester(task, Analyses.failingGate());
    tester.execute();
    assertThat(tester.getLogStatistics()).containsEntry(QualityGateAlertTask.LOG_STATISTIC, "queued");
    Path outbox = dataDir.resolve(AlertDelivery.OUTBOX_DIRECTORY);
    assertThat(outbox).isDirectory();
    delivery.stop(); // the Compute Engine stops with the alert undelivered

    mattermost.faults().up();
    delivery = started(); // and starts again: the alert is resumed from the outbox
    List<ReceivedPost> posts = mattermost.awaitPosts(TEAM, "alerts", 1, Duration.ofSeconds(15));
    awaitDelivered(1);
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).attachments().get(0).get("title").getAsString()).startsWith("Quality gate failed");
    try (var files = Files.walk(outbox)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(file)) {
          assertThat(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1))
              .as(file.toString()).doesNotContain(MattermostSandbox.SONAR_BOT_TOKEN);
        }
      }
    }
  }

  @Test
  void waitingAlertsGoOutWithTheTokenAnAdministratorFixedMeanwhile() throws Exception {
    warmUp();
    mattermost.faults().down();
    config.set(MattermostProperties.BOT_TOKEN, "wrongwrongwrongwrongwrongw");
    Analyses.tester(task, Analyses.failingGate()).execute();
    awaitLog(Level.WARN, "delivery stopped working");

    config.set(MattermostProperties.BOT_TOKEN, MattermostSandbox.SONAR_BOT_TOKEN);
    mattermost.faults().up();

    assertThat(single("alerts").attachments().get(0).get("title").getAsString()).startsWith("Quality gate failed");
    awaitDelivered(1);
    assertThat(delivery.health().failed()).isZero();
  }

  @Test
  void aNewerAnalysisReplacesTheWaitingAlertOfTheSameProject() throws Exception {
    warmUp();
    // Two seconds between attempts: the second analysis comes while the first alert waits, not while it is tried.
    delivery.stop();
    delivery = AlertDelivery.withTuning(config, new DeliveryTuning(FAST.connectTimeout(), FAST.readTimeout(),
        FAST.retryPolicy(), FAST.capacity(), Duration.ofSeconds(2), Duration.ofSeconds(2), FAST.closeTimeout()));
    delivery.start();
    task = new QualityGateAlertTask(config, new FixedServer("https://sonar.example.com/"), delivery,
        lastStatuses, GateSettingsSource.readEveryTime(config));
    mattermost.faults().down();
    Analyses.tester(task, Analyses.failingGate()).execute();
    awaitLog(Level.WARN, "delivery stopped working");
    config.set(MattermostProperties.NOTIFY, "always");
    Analyses.tester(task, Analyses.passingGate()).execute();
    mattermost.faults().up();

    ReceivedPost post = single("alerts");
    assertThat(post.attachments().get(0).get("title").getAsString()).startsWith("Quality gate passed");
    awaitDelivered(1);
    assertThat(delivery.health().coalesced()).isEqualTo(1);
  }

  @Test
  void theComputeEngineNeverWaitsForTheWebApiAskedForABranchNotSeenYet() throws Exception {
    changesMode();
    previousGateStatus = "OK";
    webApiGate = new java.util.concurrent.CountDownLatch(1);
    PostProjectAnalysisTaskTester tester = Analyses.tester(task, Analyses.failingGate());

    tester.execute(); // returns while the Web API holds its answer back

    assertThat(tester.getLogStatistics()).containsEntry(QualityGateAlertTask.LOG_STATISTIC, "queued");
    RecordedRequest asked = sonarWebApi.takeRequest(15, TimeUnit.SECONDS);
    assertThat(asked).as("the delivery thread asks the Web API").isNotNull();
    assertThat(asked.getUrl().encodedPath()).isEqualTo("/api/project_analyses/search");
    assertThat(mattermost.allPosts()).isEmpty();
    webApiGate.countDown();

    assertThat(single("alerts").attachments().get(0).get("title").getAsString()).startsWith("Quality gate failed");
    lastStatuses.awaitWritten();
    assertThat(Files.readAllLines(dataDir.resolve(LastGateStatuses.DIRECTORY).resolve(onlyFile()))).first()
        .isEqualTo("ERROR");
  }

  @Test
  void anAlertWaitingForTheWebApiSurvivesARestartAndIsCheckedWithTheSettingsThen() throws Exception {
    changesMode();
    previousGateStatus = "ERROR";
    webApiGate = new java.util.concurrent.CountDownLatch(1);
    Analyses.tester(task, Analyses.passingGate()).execute(); // back to green, if it was failing
    assertThat(sonarWebApi.takeRequest(15, TimeUnit.SECONDS)).isNotNull();
    delivery.stop(); // the Compute Engine stops while the Web API has not answered
    webApiGate.countDown();

    delivery = started(); // a new one: no task has run, the check reads the settings
    JsonObject attachment = single("alerts").attachments().get(0);

    assertThat(attachment.get("title").getAsString()).isEqualTo("Back to green: Shop Backend");
    awaitDelivered(1);
    assertThat(sonarWebApi.getRequestCount()).isEqualTo(3);
    assertThat(String.join("\n", logTester.logs())).doesNotContain(WEB_API_TOKEN);
  }

  @Test
  void theWarmUpAtStartSendsWritesAndRemembersNothing() throws Exception {
    changesMode();
    logTester.clear();

    AlertWarmUp.run(task);
    Thread.sleep(200);

    assertThat(mattermost.requests()).isEmpty();
    assertThat(sonarWebApi.getRequestCount()).isZero();
    assertThat(delivery.health().waiting()).isZero();
    assertThat(dataDir.resolve(LastGateStatuses.DIRECTORY)).doesNotExist();
    assertThat(logTester.logs()).isEmpty();
    // The real first alert then goes out as ever.
    Analyses.tester(task, Analyses.failingGate()).execute();
    assertThat(single("alerts").attachments().get(0).get("title").getAsString()).startsWith("Quality gate failed");
  }

  @Test
  void theWarmUpNeverThrowsWhateverTheSettings() {
    config.set(MattermostProperties.NOTIFY, "sometimes").set(MattermostProperties.SITE_URL, "not a url");

    AlertWarmUp.run(task);
    task.start();
    task.stop();

    assertThat(mattermost.requests()).isEmpty();
  }

  @Test
  void neverThrowsOnInvalidSettings() {
    config.set(MattermostProperties.NOTIFY, "sometimes");
    PostProjectAnalysisTaskTester tester = Analyses.tester(task, Analyses.failingGate());

    tester.execute();

    assertThat(tester.getLogStatistics()).containsEntry(QualityGateAlertTask.LOG_STATISTIC, "invalid-settings");
    assertThat(logTester.logs(Level.WARN)).anyMatch(log -> log.contains("sonar.mattermost.notify: "));
  }

  @Test
  void stillAlertsWhenAnOptionalSettingIsInvalid() throws Exception {
    config.set(MattermostProperties.WAR_ROOM_CHANNEL, "war room");
    PostProjectAnalysisTaskTester tester = Analyses.tester(task, Analyses.failingGate());

    tester.execute();

    assertThat(single("alerts").attachments().get(0).get("text").getAsString()).doesNotContain("War Room");
    assertThat(tester.getLogStatistics()).containsEntry(QualityGateAlertTask.LOG_STATISTIC, "queued");
    assertThat(logTester.logs(Level.WARN))
        .anyMatch(log -> log.contains("invalid setting " + MattermostProperties.WAR_ROOM_CHANNEL + ": 'war room'"));
  }

  @Test
  void fallsBackToFailedOnlyWhenTheWebApiUrlIsInvalid() throws Exception {
    changesMode();
    config.set(MattermostProperties.WEB_API_URL, "sonar.internal:9000");

    Analyses.tester(task, Analyses.failingGate()).execute();

    assertThat(single("alerts").attachments().get(0).get("title").getAsString()).startsWith("Quality gate failed");
    assertThat(sonarWebApi.getRequestCount()).isZero();
    assertThat(logTester.logs(Level.WARN))
        .anyMatch(log -> log.contains("invalid setting " + MattermostProperties.WEB_API_URL))
        .anyMatch(log -> log.contains("alerting as for 'failed'"));
  }

  @Test
  void reportsAPermanentRefusalWithoutRetryingOrLeakingTheToken() throws Exception {
    config.set(MattermostProperties.BOT_TOKEN, "wrong-s3cret-token");
    PostProjectAnalysisTaskTester tester = Analyses.tester(task, Analyses.failingGate());

    tester.execute();

    assertThat(tester.getLogStatistics()).containsEntry(QualityGateAlertTask.LOG_STATISTIC, "queued");
    awaitLog(Level.WARN, "was not delivered");
    assertThat(delivery.health().failed()).isEqualTo(1);
    assertThat(logTester.logs(Level.WARN)).anyMatch(log -> log.contains("was not delivered") && log.contains("401"));
    assertThat(mattermost.allPosts()).isEmpty();
    assertThat(mattermost.requests()).hasSize(1);
    assertThat(String.join("\n", logTester.logs())).doesNotContain("wrong-s3cret-token");
  }

  @Test
  void warnsWhenNoChannelIsConfiguredForTheBot() {
    config.remove(MattermostProperties.DEFAULT_CHANNEL);
    PostProjectAnalysisTaskTester tester = Analyses.tester(task, Analyses.failingGate());

    tester.execute();

    assertThat(tester.getLogStatistics()).containsEntry(QualityGateAlertTask.LOG_STATISTIC, "no-channel");
    assertThat(logTester.logs(Level.WARN)).anyMatch(log -> log.contains("set sonar.mattermost.channel"));
    assertThat(mattermost.requests()).isEmpty();
  }

  @Test
  void doesNothingUntilConfigured() {
    config.remove(MattermostProperties.BOT_TOKEN);
    PostProjectAnalysisTaskTester tester = Analyses.tester(task, Analyses.failingGate());

    tester.execute();

    assertThat(tester.getLogStatistics()).containsEntry(QualityGateAlertTask.LOG_STATISTIC, "not-configured");
    assertThat(mattermost.requests()).isEmpty();
  }

  private volatile java.util.concurrent.CountDownLatch webApiGate;

  private void changesMode() {
    config.set(MattermostProperties.NOTIFY, "changes")
        .set(MattermostProperties.WEB_API_TOKEN, WEB_API_TOKEN)
        .set(MattermostProperties.WEB_API_URL, sonarWebApi.url("/").toString());
  }

  /**
   * Delivers one alert, then starts over with a fresh delivery and no posts: loading classes is the test's overhead,
   * not the Compute Engine's, and must not eat into the 2 s bound the tests put on the task.
   */
  private void warmUp() throws Exception {
    Analyses.tester(task, Analyses.failingGate()).execute();
    mattermost.awaitPosts(TEAM, "alerts", 1, Duration.ofSeconds(15));
    awaitDelivered(1);
    delivery.stop();
    mattermost.clearPosts();
    logTester.clear();
    delivery = started();
    task = new QualityGateAlertTask(config, new FixedServer("https://sonar.example.com/"), delivery,
        lastStatuses, GateSettingsSource.readEveryTime(config));
  }

  /** Lines the delivery engine's threads log come a moment after what they report on. */
  private void awaitLog(Level level, String text) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (logTester.logs(level).stream().noneMatch(log -> log.contains(text)) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(logTester.logs(level)).anyMatch(log -> log.contains(text));
  }

  /** Every alert delivered, withdrawn or failed: nothing waits in the outbox. */
  private void awaitSettled() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (delivery.health().waiting() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(delivery.health().waiting()).isZero();
  }

  private String onlyFile() throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.list(dataDir.resolve(LastGateStatuses.DIRECTORY))) {
      return files.map(file -> file.getFileName().toString()).filter(name -> !name.endsWith(".tmp"))
          .reduce((a, b) -> {
            throw new AssertionError("more than one: " + a + ", " + b);
          }).orElseThrow();
    }
  }

  /** The stand-in stores a post just before the sender hears back, so counts lag a little. */
  private void awaitDelivered(long count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (delivery.health().delivered() < count && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(delivery.health().delivered()).isEqualTo(count);
  }

  private ReceivedPost single(String channel) throws Exception {
    List<ReceivedPost> posts = mattermost.awaitPosts(TEAM, channel, 1, Duration.ofSeconds(15));
    assertThat(posts).hasSize(1);
    return posts.get(0);
  }

  /** Replaces the project-key mapping by these rows, in this order. */
  @SafeVarargs
  private void projectRows(Map<String, String>... rows) {
    config.setPropertySet(MattermostProperties.PROJECT_CHANNELS, List.of(rows));
  }

  private static Map<String, String> row(String projectKey, String channel) {
    return Map.of(MattermostProperties.PROJECT_CHANNELS_KEY_FIELD, projectKey,
        MattermostProperties.PROJECT_CHANNELS_CHANNEL_FIELD, channel);
  }

  private static org.sonar.api.ce.posttask.ScannerContext scannerContext(String channel) {
    return PostProjectAnalysisTaskTester.newScannerContextBuilder()
        .addProperties(Map.of(MattermostProperties.CONTEXT_CHANNEL, channel)).build();
  }

  /** Answers as SonarQube's api/project_analyses/search and api/qualitygates/project_status do. */
  private final class FakeSonarWebApi extends Dispatcher {
    @Override
    public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
      java.util.concurrent.CountDownLatch gate = webApiGate;
      if (gate != null) {
        gate.await(20, TimeUnit.SECONDS);
      }
      if (webApiStatus != 200) {
        return new MockResponse.Builder().code(webApiStatus)
            .body("{\"errors\":[{\"msg\":\"Insufficient privileges\"}]}").build();
      }
      String path = request.getUrl().encodedPath();
      if (path.equals("/api/project_analyses/search")) {
        return json("{\"paging\":{\"pageIndex\":1,\"pageSize\":5,\"total\":2},\"analyses\":["
            + "{\"key\":\"" + Analyses.ANALYSIS_UUID + "\",\"date\":\"2026-11-29T10:15:30+0000\",\"events\":[]},"
            + "{\"key\":\"AYz-previous-analysis\",\"date\":\"2026-11-28T09:00:00+0000\",\"events\":[]}]}");
      }
      if (path.equals("/api/qualitygates/project_status")) {
        return json("{\"projectStatus\":{\"status\":\"" + previousGateStatus + "\",\"conditions\":[]}}");
      }
      return new MockResponse.Builder().code(404).body("{\"errors\":[{\"msg\":\"Unknown url\"}]}").build();
    }

    private MockResponse json(String body) {
      return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }
  }
}
