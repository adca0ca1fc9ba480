package org.commandcenter.sonar.mattermost.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commandcenter.realservers.Directories;
import org.commandcenter.realservers.ManagedProcess;
import org.commandcenter.realservers.SonarQubeServer;
import org.commandcenter.realservers.SonarWebApi;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.ReceivedPost;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The plugin on real SonarQube servers, one at a time: the 26.x Community Build and the oldest supported, the 9.9
 * LTA. Each cycle installs the plugin, configures it through the Web API as an administrator would, analyses a
 * small project whose quality gate fails, checks the alert that reached the Mattermost stand-in, then makes the
 * gate pass and checks the "back to green" alert of the status-change mode.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QualityGateAlertE2E {

  private static final String PROJECT = "e2e-shop";
  private static final String ADMIN_PASSWORD = "E2e-Admin-Passw0rd!";
  private static final String CHANNEL = "quality";
  private static final String TEAM = MattermostSandbox.TEAM;
  private static final long STARTED = System.nanoTime();

  @Test
  @Order(1)
  void alertsFromTheCommunityBuild() throws Exception {
    cycle(property("e2e.sonarqube.version"), Paths.get(property("e2e.java.recent")));
  }

  @Test
  @Order(2)
  void alertsFromTheOldestSupportedServer() throws Exception {
    cycle(property("e2e.sonarqube.ltaVersion"), Paths.get(property("e2e.java.lta")));
  }

  private void cycle(String version, Path java) throws Exception {
    Path work = Paths.get(property("e2e.work"));
    Path zip = Paths.get(property("e2e.zips")).resolve("sonar-application-" + version + ".zip");
    // Fail in a second with the reason, not after minutes with a server that could not start.
    assertThat(Files.isExecutable(java)).as("JDK for SonarQube %s at %s (set -De2e.java.recent / -De2e.java.lta)",
        version, java).isTrue();
    assertThat(zip).as("distribution of SonarQube %s (downloaded by maven-dependency-plugin)", version).isRegularFile();
    long cycleStart = System.nanoTime();
    log(version, "unpacking " + zip.getFileName() + " into " + serversDir() + " (unless done by an earlier run)");
    Path distribution = SonarQubeServer.unpacked(zip, serversDir(), version);
    try (MattermostSandbox mattermost = MattermostSandbox.builder().withSampleData()
        .channel(TEAM, CHANNEL)
        .members(TEAM, CHANNEL, "sonar-bot")
        .build();
        SonarQubeServer server = SonarQubeServer.create(distribution, serversDir(), java)) {
      mattermost.start();
      server.installPlugin(Paths.get(property("e2e.plugin.jar")));
      server.start();
      log(version, "starting SonarQube (PID " + server.pid() + ") at " + server.url() + " with " + java);
      awaitUp(server);
      log(version, "UP");
      try {
        String token = configure(server, mattermost);
        log(version, "configured; first analysis (gate fails)");

        analyse(server, token, java, work, 1);
        List<ReceivedPost> posts = mattermost.awaitPosts(TEAM, CHANNEL, 1, Duration.ofSeconds(60));
        assertFailureAlert(server, mattermost, posts.get(0));
        log(version, "failure alert received");

        new SonarWebApi(server.url(), "admin", ADMIN_PASSWORD)
            .post("api/qualitygates/select", Map.of("gateName", "e2e-passing", "projectKey", PROJECT));
        analyse(server, token, java, work, 2);
        posts = mattermost.awaitPosts(TEAM, CHANNEL, 2, Duration.ofSeconds(60));
        assertBackToGreenAlert(server, posts.get(1));
        assertThat(posts).hasSize(2);
        assertThat(mattermost.posts(TEAM, "alerts")).as("the default channel (project routed elsewhere)").isEmpty();

        // Failing again: the time of an alert with everything loaded and connected (the first pays for that).
        new SonarWebApi(server.url(), "admin", ADMIN_PASSWORD)
            .post("api/qualitygates/select", Map.of("gateName", "e2e-failing", "projectKey", PROJECT));
        analyse(server, token, java, work, 3);
        posts = mattermost.awaitPosts(TEAM, CHANNEL, 3, Duration.ofSeconds(60));
        assertThat(posts).hasSize(3);
        assertThat(posts.get(2).attachments().get(0).get("title").getAsString())
            .isEqualTo("Quality gate failed: E2E Shop");
        List<Long> times = taskTimes(server);
        log(version, "task time SonarQube logged for the plugin's post-analysis task, per alert: " + times + " ms");
        assertThat(times).hasSize(3);
        // The task only writes the alert to the outbox, under the server's data directory.
        Path outbox = server.logs().getParent().resolve("data").resolve("mattermost-gate").resolve("outbox");
        assertThat(outbox).as("the outbox under sonar.path.data").isDirectory();
        assertThat(server.logTail("ce.log", 2000)).contains("mattermostAlert=queued")
            .doesNotContain(MattermostSandbox.SONAR_BOT_TOKEN);
        log(version, "back-to-green alert received; cycle took "
            + Duration.ofNanos(System.nanoTime() - cycleStart).toSeconds() + " s");
      } catch (AssertionError | Exception e) {
        System.out.println("---- ce.log of " + version + " ----\n" + server.logTail("ce.log", 60));
        System.out.println("---- posts ----\n" + mattermost.allPosts());
        throw e;
      }
    }
    log(version, "stopped");
  }

  private static final Pattern TASK_TIME =
      Pattern.compile("Mattermost quality gate alert \\|.*mattermostAlert=queued.*\\| time=(\\d+)ms");

  /** The time the Compute Engine logged for each run of the plugin's task that queued an alert, in order. */
  private static List<Long> taskTimes(SonarQubeServer server) throws IOException {
    List<Long> times = new ArrayList<>();
    for (String line : Files.readAllLines(server.logs().resolve("ce.log"))) {
      Matcher matcher = TASK_TIME.matcher(line);
      if (matcher.find()) {
        times.add(Long.parseLong(matcher.group(1)));
      }
    }
    return times;
  }

  /** Not the build directory: the unprivileged server user may not be able to reach it. Kept between runs. */
  private static Path serversDir() {
    return Paths.get(System.getProperty("e2e.servers", SonarQubeServer.CACHE.toString()));
  }

  private static void assertFailureAlert(SonarQubeServer server, MattermostSandbox mattermost, ReceivedPost post) {
    assertThat(post.username()).isEqualTo("sonar-bot");
    assertThat(post.attachments()).hasSize(1);
    JsonObject attachment = post.attachments().get(0);
    String dashboard = server.url() + "/dashboard?id=" + PROJECT;
    assertThat(attachment.get("title").getAsString()).isEqualTo("Quality gate failed: E2E Shop");
    assertThat(attachment.get("title_link").getAsString()).isEqualTo(dashboard);
    assertThat(attachment.get("color").getAsString()).isEqualTo("#d6202c");
    String text = attachment.get("text").getAsString();
    assertThat(text)
        .containsPattern("\\[Lines of Code\\]\\(" + quote(server.url())
            + "/component_measures\\?id=e2e-shop&metric=ncloc\\): \\*\\*\\d+\\*\\*, required ≤ 5")
        .containsPattern("\\]\\(" + quote(server.url())
            + "/component_measures\\?id=e2e-shop&metric=comment_lines_density\\): \\*\\*[0-9.]+%\\*\\*, "
            + "required ≥ 50\\.0%")
        .contains("[Join the War Room](" + mattermost.url() + "/factory/channels/war-room?join_call=true)");
    String fields = attachment.getAsJsonArray("fields").toString();
    assertThat(fields).contains("e2e-failing").contains("Failed").contains("Analysis date");
  }

  private static void assertBackToGreenAlert(SonarQubeServer server, ReceivedPost post) {
    JsonObject attachment = post.attachments().get(0);
    assertThat(attachment.get("title").getAsString()).isEqualTo("Back to green: E2E Shop");
    assertThat(attachment.get("title_link").getAsString()).isEqualTo(server.url() + "/dashboard?id=" + PROJECT);
    assertThat(attachment.get("color").getAsString()).isEqualTo("#2eb886");
    assertThat(attachment.getAsJsonArray("fields").toString()).contains("e2e-passing").contains("Passed");
  }

  /** As an administrator would: new admin password, a token, the project, two gates, the plugin's settings. */
  private static String configure(SonarQubeServer server, MattermostSandbox mattermost) throws IOException {
    SonarWebApi api = new SonarWebApi(server.url(), "admin", "admin");
    api.post("api/users/change_password",
        Map.of("login", "admin", "previousPassword", "admin", "password", ADMIN_PASSWORD));
    api = api.as("admin", ADMIN_PASSWORD);
    String token = api.post("api/user_tokens/generate", Map.of("name", "e2e")).get("token").getAsString();
    api.post("api/projects/create", Map.of("project", PROJECT, "name", "E2E Shop"));

    api.post("api/qualitygates/create", Map.of("name", "e2e-failing"));
    condition(api, "e2e-failing", "ncloc", "GT", "5");
    condition(api, "e2e-failing", "comment_lines_density", "LT", "50");
    api.post("api/qualitygates/create", Map.of("name", "e2e-passing"));
    condition(api, "e2e-passing", "ncloc", "GT", "100000");
    api.post("api/qualitygates/select", Map.of("gateName", "e2e-failing", "projectKey", PROJECT));

    api.setting("sonar.core.serverBaseURL", server.url());
    api.setting("sonar.mattermost.siteUrl", mattermost.url());
    api.setting("sonar.mattermost.botToken.secured", MattermostSandbox.SONAR_BOT_TOKEN);
    api.setting("sonar.mattermost.team", TEAM);
    api.setting("sonar.mattermost.channel", "alerts");
    api.setting("sonar.mattermost.warRoomChannel", "war-room");
    api.setting("sonar.mattermost.notify", "changes");
    api.setting("sonar.mattermost.webApiToken.secured", token);
    api.settingValues("sonar.mattermost.allowedChannels", CHANNEL, "releases");
    // The project's own page: reaches the Compute Engine through the plugin's scanner-side sensor.
    api.post("api/settings/set", Map.of("key", "sonar.mattermost.project.channel", "value", CHANNEL,
        "component", PROJECT));
    return token;
  }

  private static void condition(SonarWebApi api, String gate, String metric, String op, String error)
      throws IOException {
    api.post("api/qualitygates/create_condition", Map.of("gateName", gate, "metric", metric, "op", op,
        "error", error));
  }

  /** Runs the Maven scanner on a copy of the fixture and waits for the Compute Engine to process the report. */
  private static void analyse(SonarQubeServer server, String token, Path java, Path work, int round)
      throws Exception {
    Path project = work.resolve("projects").resolve(server.version() + "-" + round);
    Directories.copyProject(Paths.get(property("e2e.fixture")), project);
    Path log = project.resolve("scanner.log");
    List<String> command = new ArrayList<>(List.of(property("e2e.mvnw"), "-B", "-f", project.resolve("pom.xml")
            .toString(),
        "-Dmaven.repo.local=" + property("e2e.maven.repo.local"),
        "org.sonarsource.scanner.maven:sonar-maven-plugin:" + property("e2e.scanner.version") + ":sonar",
        "-Dsonar.host.url=" + server.url(),
        "-Dsonar.userHome=" + work.resolve("scanner-home").resolve(server.version()),
        "-Dsonar.projectKey=" + PROJECT,
        "-Dsonar.scanner.skipJreProvisioning=true"));
    // The 9.9 LTA takes the token as a login; newer servers as sonar.token.
    command.add((server.version().startsWith("9.") ? "-Dsonar.login=" : "-Dsonar.token=") + token);
    try (ManagedProcess scanner = ManagedProcess.builder("scanner", command).directory(project).log(log)
        .environment("JAVA_HOME", java.getParent().getParent().toString()).withoutEnvironment("MAVEN_OPTS").start()) {
      if (!scanner.waitFor(Duration.ofMinutes(5)) || scanner.exitValue() != 0) {
        fail("scanner failed:\n" + ManagedProcess.tail(log, 40));
      }
    }
    Properties report = new Properties();
    try (var in = Files.newInputStream(project.resolve("target/sonar/report-task.txt"))) {
      report.load(in);
    }
    String taskId = report.getProperty("ceTaskId");
    log(server.version(), "analysis " + round + " submitted as task " + taskId);
    String status = new SonarWebApi(server.url(), "admin", ADMIN_PASSWORD).awaitTask(taskId, Duration.ofMinutes(3));
    if (!status.equals("SUCCESS")) {
      fail("Compute Engine task " + taskId + " " + status + ":\n" + server.logTail("ce.log", 40));
    }
    log(server.version(), "Compute Engine finished task " + taskId);
  }

  private static void awaitUp(SonarQubeServer server) throws InterruptedException {
    String[] last = {""};
    try {
      server.awaitUp(Duration.ofMinutes(6), (status, elapsed) -> {
        if (status.equals(SonarWebApi.NOT_ANSWERING) && last[0].equals("UP")) {
          fail("SonarQube " + server.version() + " not UP (" + status + "):\n" + server.consoleTail(60));
        }
        if (!status.equals(last[0])) {
          log(server.version(), "status " + status);
          last[0] = status;
        }
      });
    } catch (IOException e) {
      fail(e.getMessage());
    }
  }

  private static String quote(String text) {
    return java.util.regex.Pattern.quote(text);
  }

  private static String property(String key) {
    String value = System.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + key + " is not set (run with ./mvnw -Pe2e verify)");
    }
    return value;
  }

  private static void log(String version, String message) {
    System.out.printf("[e2e %s +%ds] %s%n", version,
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - STARTED), message);
    System.out.flush();
  }
}
