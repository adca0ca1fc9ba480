package org.commandcenter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.commandcenter.realservers.Chromium;
import org.commandcenter.realservers.DevTools;
import org.commandcenter.sandbox.ReceivedPost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a real headless Chromium, on the stand-in's inbox viewed as alice: click Rebuild on a failure alert and see the
 * outcome in its thread, then type {@code /jenkins status} in the command box and see the answer only she gets.
 */
class ChatOpsInBrowserTest {
  @Test
  void clickingRebuildInTheInboxShowsTheOutcomeInTheThread(@TempDir Path tmp) throws Exception {
    assertThat(Chromium.isInstalled())
        .as("headless Chromium at %s (Debian: apt-get install -y chromium; or -Dchromium.path=...)", Chromium.EXECUTABLE)
        .isTrue();
    try (RunningDemo demo = new RunningDemo(tmp, "--build-time", "60")) {
      ReceivedPost failed = demo.alert(143);
      String rebuild = "document.querySelector('#post-" + failed.id() + " button[data-action-id=rebuild]')";
      String thread = "[...document.querySelectorAll('.thread[data-root-id=\"" + failed.id() + "\"] .post-message')]";
      try (DevTools page = DevTools.open(new Chromium(tmp), demo.mattermost.url() + "/factory/channels/builds?as=alice")) {
        page.await(rebuild + " && !" + rebuild + ".disabled", Duration.ofSeconds(30));

        page.evaluate(rebuild + ".click()");

        page.await(thread + ".some(e => e.textContent.includes('Rebuilt by @alice as #145.'))", Duration.ofSeconds(30));
        page.await(rebuild + " && " + rebuild + ".disabled", Duration.ofSeconds(10));
        assertThat(page.evaluate("document.querySelector('#post-" + failed.id() + "').textContent").getAsString())
            .contains("Rebuiltby @alice as #145");

        page.evaluate("(() => { const input = document.querySelector('form.command-box input');"
            + " input.value = '/jenkins status payments-service';"
            + " document.querySelector('form.command-box button').click(); return true; })()");

        page.await("[...document.querySelectorAll('.post.ephemeral')].some(e => e.textContent.includes("
            + "'payments-service #145') && e.textContent.includes('Only visible to you'))", Duration.ofSeconds(30));
      }
      assertThat(demo.mattermost.ephemeralPosts("bob")).isEmpty();
      assertThat(demo.stop()).isZero();
    }
  }
}
