package org.commandcenter.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.commandcenter.sandbox.ApiAnswer;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.ReceivedPost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The main job run against an existing Mattermost (the stand-in, started separately): it prints what Mattermost must
 * reach and the slash command to create, posts the scripted builds with their buttons there, and the buttons and
 * /jenkins work through its ChatOps endpoint against the scripted job.
 */
class ExistingMattermostTest {
  @Test
  void printsTheActionsUrlAndSlashCommandAndTheButtonsAndJenkinsCommandWork(@TempDir Path tmp) throws Exception {
    try (RunningDemo demo = new RunningDemo(tmp, "--build-time", "1")) {
      String endpoint = "http://127.0.0.1:" + demo.endpointPort;
      assertThat(demo.output())
          .contains("Mattermost (existing: " + demo.mattermost.url() + ", team factory)")
          .contains("The token authenticates as @jenkins-bot")
          .contains("Actions URL Mattermost must reach: " + endpoint + "/mattermost/actions")
          .contains("Trigger Word: jenkins   Request URL: " + endpoint + "/mattermost/command   Request Method: POST")
          .contains("Autocomplete: on, hint: [build|status|log|abort|help]")
          .contains("AllowedUntrustedInternalConnections")
          .doesNotContain(MattermostSandbox.JENKINS_BOT_TOKEN, demo.command.token());
      ReceivedPost failed = demo.alert(143);

      ApiAnswer refused = demo.mattermost.clickButton("bob", failed.id(), "rebuild");
      ApiAnswer rebuilt = demo.mattermost.clickButton("alice", failed.id(), "rebuild");

      assertThat(refused.status()).isEqualTo(200);
      assertThat(demo.mattermost.ephemeralPosts("bob")).singleElement().extracting(ReceivedPost::message).asString()
          .contains("You need the **Job/Build** permission on **payments-service**");
      assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(200);
      assertThat(demo.thread(failed)).extracting(ReceivedPost::message)
          .contains(":repeat: Rebuilt by @alice as #145.");
      demo.mattermost.awaitPosts(MattermostSandbox.TEAM, "builds", 1, Duration.ofSeconds(1));
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (!demo.output().contains("payments-service #145 finished: SUCCESS") && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(demo.output()).contains("payments-service #145 started (Rebuild of #143 by alice from Mattermost)",
          "payments-service #145 finished: SUCCESS", "ChatOps: @alice (Jenkins user alice) rebuild payments-service "
              + "#143: started #145", "ChatOps: @bob (Jenkins user bob) rebuild payments-service #143: refused, "
              + "missing Job/Build");

      ApiAnswer status = demo.mattermost.runCommand("alice", MattermostSandbox.TEAM, "builds",
          "/jenkins status payments-service");
      ApiAnswer mistyped = demo.mattermost.runCommand("alice", MattermostSandbox.TEAM, "builds",
          "/jenkins log payments-servce");

      assertThat(status.status()).as(status.toString()).isEqualTo(200);
      assertThat(mistyped.status()).isEqualTo(200);
      assertThat(demo.mattermost.ephemeralPosts("alice")).extracting(ReceivedPost::message)
          .anyMatch(m -> m.startsWith("[payments-service #145](https://jenkins.factory.example/job/payments-service/145/)"
              + ": :white_check_mark: success"))
          .anyMatch(m -> m.contains("Did you mean **payments-service**?"));
      assertThat(demo.stop()).isZero();
    }
  }
}
