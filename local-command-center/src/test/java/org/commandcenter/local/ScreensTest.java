package org.commandcenter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.realservers.Chromium;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sonar.mattermost.AlertDelivery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The screens a person looks at after {@code ./command-center-local --no-sonarqube}: the scripted builds in
 * {@code #builds} and a quality gate alert in {@code #alerts} (rendered by the SonarQube plugin's own task), opened in
 * a real headless Chromium. Writes {@code builds-thread.png} and {@code alerts-gate.png} to {@code -Dscreenshots.dir}
 * (default {@code target/screenshots}; only the explicit command in docs/local.md, "Screenshots", points it at
 * docs/images) and checks the DOM Chromium built.
 */
class ScreensTest {
  private static MattermostSandbox mattermost;

  @TempDir
  static Path work;

  @BeforeAll
  static void runTheScriptedSequence() throws Exception {
    mattermost = LocalMattermost.start(0);
    MattermostClient jenkins = MattermostClient.builder().siteUrl(mattermost.url())
        .token(LocalMattermost.JENKINS_BOT_TOKEN).team(LocalMattermost.TEAM).build();
    new ScriptedBuilds(jenkins, new Console(new PrintWriter(new StringWriter()), true), Duration.ZERO).run();
    AlertDelivery delivery = PluginGateAlert.postFailedGate(mattermost.url());
    try {
      mattermost.awaitPosts(LocalMattermost.TEAM, LocalMattermost.ALERTS, 1, Duration.ofSeconds(30));
    } finally {
      delivery.stop();
    }
  }

  @AfterAll
  static void stop() {
    if (mattermost != null) {
      mattermost.close();
    }
  }

  static Path screenshotsDir() {
    Path dir = Paths.get(System.getProperty("screenshots.dir", "target/screenshots"));
    if (!dir.isAbsolute()) {
      dir = Paths.get(System.getProperty("repository.root", "..")).resolve(dir);
    }
    return dir.normalize();
  }

  @Test
  void buildsChannelShowsTheFailureThreadTheUrgentIncidentAndBackToNormal() throws Exception {
    assertThat(Chromium.isInstalled())
        .as("headless Chromium at %s (Debian: apt-get install -y chromium; or -Dchromium.path=...)", Chromium.EXECUTABLE)
        .isTrue();
    String url = mattermost.url() + "/factory/channels/builds";
    Chromium chromium = new Chromium(work);
    Path png = screenshotsDir().resolve("builds-thread.png");
    chromium.screenshot(url, png, 1280, 1480);
    String dom = chromium.dom(url);

    assertPng(png);
    Files.writeString(Files.createDirectories(Paths.get("target")).resolve("builds-dom.html"), dom, StandardCharsets.UTF_8);
    String warRoom = mattermost.url() + "/factory/channels/war-room?join_call=true";
    // #142's root post, edited from "started" to the failure, red, with the War Room field.
    assertThat(dom).containsPattern("(?i)class=\"attachment\" data-color=\"#a30200\"")
        .contains("href=\"https://jenkins.factory.example/job/payments-service/142/\"")
        .contains("<span class=\"edited\"")
        .contains("<div class=\"attachment-field-title\">War Room</div>")
        .contains("href=\"" + warRoom + "\"");
    // Its thread: changes, failing tests, log tail, culprits mentioned.
    assertThat(dom).contains("<div class=\"thread-count\">4 replies</div>", "<strong>Failed tests (2)</strong>",
        "<span class=\"mention\">@alice</span> <span class=\"mention\">@bob</span>");
    assertThat(dom).containsPattern("<strong>Last \\d+ lines of the log</strong></p>\\s*<pre><code>\\[INFO\\]");
    // The incident: an urgent root that asks for an acknowledgement, closed by "Back to normal" in its thread.
    assertThat(dom).contains("priority-label priority-urgent\">URGENT</span>", "<strong>Main line broken</strong>",
        "class=\"ack-button\"", "<div class=\"thread-count\">2 replies</div>", "Still failing in ", "Back to normal in ");
  }

  @Test
  void alertsChannelShowsTheFailedQualityGateWithConditionsAndWarRoomLink() throws Exception {
    assertThat(Chromium.isInstalled())
        .as("headless Chromium at %s (Debian: apt-get install -y chromium; or -Dchromium.path=...)", Chromium.EXECUTABLE)
        .isTrue();
    String url = mattermost.url() + "/factory/channels/alerts";
    Chromium chromium = new Chromium(work);
    Path png = screenshotsDir().resolve("alerts-gate.png");
    chromium.screenshot(url, png, 1280, 520);
    String dom = chromium.dom(url);

    assertPng(png);
    Files.writeString(Files.createDirectories(Paths.get("target")).resolve("alerts-dom.html"), dom, StandardCharsets.UTF_8);
    assertThat(dom).contains(">Quality gate failed: " + PluginGateAlert.PROJECT_NAME + "</a>")
        .containsPattern("(?i)class=\"attachment\" data-color=\"#d6202c\"")
        .contains("<strong>3 failed conditions</strong>")
        .contains("href=\"" + PluginGateAlert.SONAR_URL + "/component_measures?id=payments-service&amp;metric=new_coverage\"")
        .contains("<strong>61.2%</strong>, required ≥ 80.0%")
        .contains("href=\"" + mattermost.url() + "/factory/channels/war-room?join_call=true\"")
        .contains("<div class=\"attachment-field-title\">Quality gate</div>")
        .doesNotContain("Duplicated Lines");
  }

  private static void assertPng(Path png) throws Exception {
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).isGreaterThan(10_000);
    assertThat(new String(bytes, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
  }
}
