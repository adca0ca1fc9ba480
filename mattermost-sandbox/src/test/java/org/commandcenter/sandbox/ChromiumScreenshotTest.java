package org.commandcenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.sandbox.MattermostSandbox.JENKINS_BOT_TOKEN;
import static org.commandcenter.sandbox.MattermostSandbox.SONAR_HOOK;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import org.commandcenter.realservers.Chromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders a failed-build alert in a real headless Chromium (Debian package {@code chromium}; ./run-tests installs it),
 * saves a screenshot for the docs under target/, and asserts on the DOM and the layout the browser built.
 */
class ChromiumScreenshotTest extends SandboxPerTest {




  @Test
  void rendersFailedBuildAlertWithColourBarFieldsAndWarRoomLink(@TempDir Path tmp) throws Exception {
    assertThat(Chromium.isInstalled())
        .as("headless Chromium at %s (Debian: apt-get install -y chromium; or -Dchromium.path=...)", Chromium.EXECUTABLE)
        .isTrue();
    assertThat(Wire.post(mm.url() + "/api/v4/posts", FailedBuildAlert.restBody(mm), JENKINS_BOT_TOKEN).status)
        .isEqualTo(201);
    assertThat(Wire.post(mm.hookUrl(SONAR_HOOK), FailedBuildAlert.qualityGateWebhook()).status).isEqualTo(200);
    String url = mm.url() + "/factory/channels/builds";

    Path screenshot = tmp.resolve("inbox.png");
    Chromium chromium = new Chromium(tmp);
    chromium.screenshot(url, screenshot, 1280, 860);
    String dom = chromium.dom(url);

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

  @Test
  void longCodeLinesScrollInsideTheirPostInsteadOfWideningThePage(@TempDir Path tmp) throws Exception {
    assertThat(Chromium.isInstalled())
        .as("headless Chromium at %s (Debian: apt-get install -y chromium; or -Dchromium.path=...)", Chromium.EXECUTABLE)
        .isTrue();
    String longLine = "ERROR " + "x".repeat(600);
    String root = Wire.post(mm.url() + "/api/v4/posts", "{\"channel_id\":\"" + mm.channelId("factory", "builds")
        + "\",\"message\":\"Log tail:\\n```\\n" + longLine + "\\n```\"}", JENKINS_BOT_TOKEN).json()
        .get("id").getAsString();
    Wire.post(mm.url() + "/api/v4/posts", "{\"channel_id\":\"" + mm.channelId("factory", "builds")
        + "\",\"root_id\":\"" + root + "\",\"message\":\"```\\n" + longLine + "\\n```\"}", JENKINS_BOT_TOKEN);
    Wire.post(mm.url() + "/api/v4/posts", "{\"channel_id\":\"" + mm.channelId("factory", "builds")
        + "\",\"props\":{\"attachments\":[{\"text\":\"```\\n" + longLine + "\\n```\","
        + "\"fields\":[{\"title\":\"Log\",\"value\":\"```\\n" + longLine + "\\n```\",\"short\":true}]}]}}",
        JENKINS_BOT_TOKEN);
    // The page as served, plus a script that measures the layout Chromium computed and writes it into the DOM.
    String page = Wire.get(mm.url() + "/factory/channels/builds").body.replace("</body>", "<script>"
        + "var pres = Array.from(document.querySelectorAll('pre'));"
        + "document.body.setAttribute('data-page-overflows', document.documentElement.scrollWidth > window.innerWidth);"
        + "document.body.setAttribute('data-code-blocks', pres.length);"
        + "document.body.setAttribute('data-scrolling-blocks', pres.filter(p => p.scrollWidth > p.clientWidth"
        + " && getComputedStyle(p).overflowX === 'auto').length);"
        + "</script></body>");
    Path file = Files.writeString(tmp.resolve("builds.html"), page);

    String dom = new Chromium(tmp).dom(file.toUri().toString());

    assertThat(dom).contains("data-page-overflows=\"false\"", "data-code-blocks=\"4\"", "data-scrolling-blocks=\"4\"");
  }
}
