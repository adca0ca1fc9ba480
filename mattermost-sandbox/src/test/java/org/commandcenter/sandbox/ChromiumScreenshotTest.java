package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_BOT_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.SONAR_HOOK;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a failed-build alert in a real headless Chromium (Debian package {@code chromium}; .ci/run installs it),
 * saves a screenshot for the docs under target/, and asserts on the DOM the browser built.
 */
class ChromiumScreenshotTest {
  private static final Path CHROMIUM = Paths.get(System.getProperty("chromium.path", "/usr/bin/chromium"));
  private static final long TIMEOUT_SECONDS = 90;

  private MattermostSandbox mm;

  @BeforeEach
  void start() throws Exception {
    mm = MattermostSandbox.builder().withSampleData().build().start();
  }

  @AfterEach
  void stop() {
    mm.close();
  }

  @Test
  void rendersFailedBuildAlertWithColourBarFieldsAndWarRoomLink(@TempDir Path tmp) throws Exception {
    assertThat(Files.isExecutable(CHROMIUM))
        .as("headless Chromium at %s (Debian: apt-get install -y chromium; or -Dchromium.path=...)", CHROMIUM)
        .isTrue();
    assertThat(Wire.post(mm.url() + "/api/v4/posts", FailedBuildAlert.restBody(mm), JENKINS_BOT_TOKEN).status)
        .isEqualTo(201);
    assertThat(Wire.post(mm.hookUrl(SONAR_HOOK), FailedBuildAlert.qualityGateWebhook()).status).isEqualTo(200);
    String url = mm.url() + "/factory/channels/builds";

    Path screenshot = tmp.resolve("inbox.png");
    chromium(tmp.resolve("profile-1"), tmp.resolve("shot.log"), "--window-size=1280,860", "--screenshot=" + screenshot, url);
    String dom = chromium(tmp.resolve("profile-2"), tmp.resolve("dom.log"), "--dump-dom", url);

    assertThat(screenshot).isRegularFile();
    byte[] png = Files.readAllBytes(screenshot);
    assertThat(png.length).isGreaterThan(10_000);
    assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    Path docs = Paths.get("target", "inbox-failed-build.png");
    Files.createDirectories(docs.getParent());
    Files.copy(screenshot, docs, StandardCopyOption.REPLACE_EXISTING);

    assertThat(dom).contains("class=\"attachment\" data-color=\"#e40303\" style=\"border-left-color:#e40303\"");
    assertThat(dom).contains("<div class=\"attachment-field-title\">Branch</div>",
        "<div class=\"attachment-field-title\">Failed tests</div>", "attachment-field--long");
    assertThat(dom).contains("href=\"" + FailedBuildAlert.warRoomLink(mm) + "\"");
    assertThat(dom).contains("href=\"https://jenkins.factory.example/job/payments-service/142/\"");
    assertThat(dom).contains("priority-label priority-urgent");
  }

  /** Runs one headless Chromium with a fresh profile; returns its stdout. Kills it and its children on any outcome. */
  private static String chromium(Path profile, Path log, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--user-data-dir=" + profile));
    command.addAll(List.of(args));
    Path out = log.resolveSibling(log.getFileName() + ".out");
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).redirectOutput(out.toFile()).start();
    try {
      boolean finished = process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertThat(finished).as("chromium finished within %ss (log: %s)", TIMEOUT_SECONDS, tail(log)).isTrue();
      assertThat(process.exitValue()).as("chromium exit code (log: %s)", tail(log)).isZero();
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String tail(Path log) {
    try {
      String text = Files.readString(log, StandardCharsets.UTF_8);
      return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
