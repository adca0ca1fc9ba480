package org.commandcenter.local.sonar;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.commandcenter.local.Console;
import org.commandcenter.local.LocalMattermost;
import org.commandcenter.realservers.Directories;
import org.commandcenter.realservers.ManagedProcess;
import org.commandcenter.realservers.SonarQubeServer;
import org.commandcenter.realservers.SonarWebApi;
import org.commandcenter.sandbox.MattermostSandbox;

/**
 * The SonarQube part of the local command center: a real SonarQube Community Build with our plugin installed and
 * configured through the Web API as an administrator would, analysing a bundled sample project whose quality gate
 * fails, then a fixed version of it that passes; the plugin's alerts land in {@code #alerts}.
 */
public final class SonarQubeDemo implements AutoCloseable {
  public static final String VERSION = Versions.sonarQube();
  static final String PROJECT_KEY = "payments-service";
  static final String GATE = "Command Center demo";
  /** Readable by the unprivileged SonarQube user (unlike /root), and kept between runs: the zip is ~1 GB. */
  static final Path CACHE = SonarQubeServer.CACHE;
  private static final Duration EXPECTED_START = Duration.ofSeconds(90);
  private static final Duration MAX_START = Duration.ofMinutes(8);

  private final Path repository;
  private final Path work;
  private final Path java;
  private final MattermostSandbox mattermost;
  private final Console console;
  private SonarQubeServer server;
  private long startedAt;
  private boolean succeeded;

  public SonarQubeDemo(Path repository, Path work, Path java, MattermostSandbox mattermost, Console console) {
    this.repository = requireNonNull(repository, "repository == null");
    this.work = requireNonNull(work, "work == null");
    this.java = requireNonNull(java, "java == null");
    this.mattermost = requireNonNull(mattermost, "mattermost == null");
    this.console = requireNonNull(console, "console == null");
  }

  /** Unpacks (first run only) and launches SonarQube; returns while it boots. */
  public void start() throws IOException, InterruptedException {
    Path plugin = repository.resolve("sonar-mattermost-gate/target/sonar-mattermost-gate-" + Versions.project() + ".jar");
    if (!Files.isRegularFile(plugin)) {
      throw new IOException("the plugin jar " + plugin + " is missing: build it with ./mvnw -B -pl sonar-mattermost-gate "
          + "-am package -DskipTests (./command-center-local does this on its first run)");
    }
    Path zip = distribution();
    Path home = CACHE.resolve("sonarqube-" + VERSION);
    if (!Files.isRegularFile(home.resolve("bin/linux-x86-64/sonar.sh"))) {
      console.step("Unpacking " + zip.getFileName() + " (about 1 GB, first run only) into " + CACHE);
    }
    home = SonarQubeServer.unpacked(zip, CACHE, VERSION);
    server = SonarQubeServer.create(home, CACHE, java);
    server.installPlugin(plugin);
    server.start();
    startedAt = System.nanoTime();
    console.step("Starting SonarQube " + VERSION + " (PID " + server.pid() + ") at " + server.url() + " with " + java
        + (isRoot() ? " as user " + SonarQubeServer.USER + " (its Elasticsearch refuses root)" : ""));
    console.detail("Plugin installed: " + plugin.getFileName() + ". It takes about a minute and a half; the rest "
        + "runs meanwhile.");
  }

  /** Waits for UP (with progress), configures the plugin, runs both analyses and waits for both alerts. */
  public void awaitUpAndRun() throws InterruptedException {
    try {
      awaitUp();
      String admin = "Cc-" + HexFormat.of().formatHex(random(9)) + "-A1!";
      SonarWebApi api = configure(admin);
      console.step("Configured: quality gate \"" + GATE + "\" on project " + PROJECT_KEY + ", the plugin posts as "
          + "sonar-bot to ~alerts with the War Room ~war-room (Administration > Configuration > Mattermost)");
      Path password = work.resolve("sonarqube-admin-password");
      Files.writeString(password, admin + "\n");
      password.toFile().setReadable(false, false);
      password.toFile().setReadable(true, true);
      console.detail("SonarQube UI: " + server.url() + " — login admin, password in " + password + " (this run only)");
      String token = api.post("api/user_tokens/generate", Map.of("name", "command-center-local-scanner"))
          .get("token").getAsString();
      int before = alerts();
      analyse(api, token, "payments-service-failing", 1);
      awaitAlert(before + 1, "Quality gate failed");
      analyse(api, token, "payments-service-passing", 2);
      awaitAlert(before + 2, "Back to green");
      succeeded = true;
    } catch (IOException | RuntimeException e) {
      console.warn("SonarQube part failed: " + e.getMessage());
      if (server != null) {
        console.detail("SonarQube logs: " + server.logs() + " (web.log, ce.log, es.log)");
        for (String line : server.consoleTail(15).split("\n")) {
          console.detail("| " + line);
        }
      }
    }
  }

  public boolean succeeded() {
    return succeeded;
  }

  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
  }

  private Path distribution() throws IOException, InterruptedException {
    Path zip = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "sonarsource", "sonarqube",
        "sonar-application", VERSION, "sonar-application-" + VERSION + ".zip");
    if (Files.isRegularFile(zip)) {
      return zip;
    }
    console.step("Fetching org.sonarsource.sonarqube:sonar-application:" + VERSION + ":zip from Maven Central "
        + "(about 1 GB, first run only)");
    int exit = maven(List.of("-N", "dependency:get",
        "-Dartifact=org.sonarsource.sonarqube:sonar-application:" + VERSION + ":zip", "-Dtransitive=false"),
        repository, work.resolve("dependency-get.log"), Duration.ofMinutes(30), null);
    if (exit != 0 || !Files.isRegularFile(zip)) {
      throw new IOException("could not fetch the SonarQube zip (see " + work.resolve("dependency-get.log")
          + "); on an air-gapped machine put sonar-application-" + VERSION + ".zip into " + zip.getParent());
    }
    return zip;
  }

  private void awaitUp() throws IOException, InterruptedException {
    Duration before = Duration.ofNanos(System.nanoTime() - startedAt);
    server.awaitUp(MAX_START.minus(before), (status, elapsed) -> console.progress(
        "SonarQube " + status.toLowerCase(Locale.ROOT).replace('_', ' '), before.plus(elapsed), EXPECTED_START));
    console.step("SonarQube is UP after " + Duration.ofNanos(System.nanoTime() - startedAt).toSeconds() + " s: "
        + server.url());
  }

  /** As an administrator would: a new admin password, the project, the gate, and the plugin's settings. */
  private SonarWebApi configure(String adminPassword) throws IOException {
    SonarWebApi api = new SonarWebApi(server.url(), "admin", "admin");
    api.post("api/users/change_password",
        Map.of("login", "admin", "previousPassword", "admin", "password", adminPassword));
    api = api.as("admin", adminPassword);
    api.post("api/projects/create", Map.of("project", PROJECT_KEY, "name", "Payments Service"));
    api.post("api/qualitygates/create", Map.of("name", GATE));
    // Overall-code conditions: deterministic for a first analysis (new-code conditions need a history).
    api.post("api/qualitygates/create_condition", Map.of("gateName", GATE, "metric", "comment_lines_density",
        "op", "LT", "error", "20"));
    api.post("api/qualitygates/create_condition", Map.of("gateName", GATE, "metric", "ncloc",
        "op", "GT", "error", "1000"));
    api.post("api/qualitygates/select", Map.of("gateName", GATE, "projectKey", PROJECT_KEY));
    String webApiToken = api.post("api/user_tokens/generate", Map.of("name", "mattermost-plugin-previous-status"))
        .get("token").getAsString();
    api.setting("sonar.core.serverBaseURL", server.url());
    api.setting("sonar.mattermost.siteUrl", mattermost.url());
    api.setting("sonar.mattermost.botToken.secured", LocalMattermost.SONAR_BOT_TOKEN);
    api.setting("sonar.mattermost.team", LocalMattermost.TEAM);
    api.setting("sonar.mattermost.channel", LocalMattermost.ALERTS);
    api.setting("sonar.mattermost.warRoomChannel", LocalMattermost.WAR_ROOM);
    api.setting("sonar.mattermost.notify", "changes");
    api.setting("sonar.mattermost.webApiToken.secured", webApiToken);
    return api;
  }

  /** Runs the Maven scanner on a copy of a bundled sample project and waits for the Compute Engine. */
  private void analyse(SonarWebApi api, String token, String sample, int round) throws IOException, InterruptedException {
    Path project = work.resolve("projects").resolve(sample);
    Directories.copyProject(repository.resolve("local-command-center/sample-projects").resolve(sample), project);
    console.step("Analysis " + round + ": " + sample + " (mvn sonar:sonar with the SonarScanner for Maven "
        + Versions.scanner() + ")");
    Path log = work.resolve("scanner-" + round + ".log");
    List<String> arguments = new ArrayList<>(List.of("-f", project.resolve("pom.xml").toString(),
        "org.sonarsource.scanner.maven:sonar-maven-plugin:" + Versions.scanner() + ":sonar",
        "-Dsonar.host.url=" + server.url(),
        "-Dsonar.projectKey=" + PROJECT_KEY,
        "-Dsonar.userHome=" + work.resolve("scanner-home"),
        "-Dsonar.scanner.skipJreProvisioning=true"));
    // The token goes through the environment (SONAR_TOKEN), not the command line where ps would show it.
    int exit = maven(arguments, project, log, Duration.ofMinutes(10), token);
    if (exit != 0) {
      throw new IOException("the scanner failed (exit " + exit + "), see " + log);
    }
    Properties report = new Properties();
    try (InputStream in = Files.newInputStream(project.resolve("target/sonar/report-task.txt"))) {
      report.load(in);
    }
    String taskId = report.getProperty("ceTaskId");
    String status = api.awaitTask(taskId, Duration.ofMinutes(5));
    if (!status.equals("SUCCESS")) {
      throw new IOException("Compute Engine task " + taskId + " is " + status + "; see " + server.logs().resolve("ce.log"));
    }
    String gate = api.get("api/qualitygates/project_status", Map.of("projectKey", PROJECT_KEY))
        .getAsJsonObject("projectStatus").get("status").getAsString();
    console.detail("Compute Engine processed the report; quality gate " + (gate.equals("OK") ? "passed" : "FAILED"));
  }

  private int maven(List<String> arguments, Path directory, Path log, Duration timeout, String sonarToken)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(repository.resolve("mvnw").toString(), "-B"));
    command.addAll(arguments);
    Map<String, String> environment = new HashMap<>();
    environment.put("JAVA_HOME", java.getParent().getParent().toString());
    if (sonarToken != null) {
      environment.put("SONAR_TOKEN", sonarToken);
    }
    try (ManagedProcess maven = ManagedProcess.builder("mvnw", command).log(log).environment(environment)
        .directory(directory).start()) {
      if (!maven.waitFor(timeout)) {
        return -1;
      }
      return maven.exitValue();
    }
  }

  private void awaitAlert(int count, String title) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (alerts() < count) {
      if (System.nanoTime() > deadline) {
        throw new IOException("no \"" + title + "\" alert reached ~alerts within 60 s; see "
            + server.logs().resolve("ce.log") + " (lines with Mattermost)");
      }
      Thread.sleep(250);
    }
    console.step("#alerts: \"" + title + ": Payments Service\" posted by the plugin as sonar-bot");
  }

  private int alerts() {
    return mattermost.posts(LocalMattermost.TEAM, LocalMattermost.ALERTS).size();
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static byte[] random(int n) {
    byte[] bytes = new byte[n];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
