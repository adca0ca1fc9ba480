package org.commandcenter.sandbox.demo;

import java.io.IOException;
import java.net.BindException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.commandcenter.mattermost.Attachment;
import org.commandcenter.mattermost.Field;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.PostResult;
import org.commandcenter.mattermost.Priority;
import org.commandcenter.mattermost.text.SafeText;
import org.commandcenter.mattermost.warroom.WarRoom;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.SandboxSettings;

/**
 * The local demo: starts a sandbox, posts a realistic set of alerts through the shared client (a failed build with a
 * War Room link, its back-to-normal, a failed quality gate) and prints the inbox URL.
 *
 * <pre>
 * ./mvnw -B -pl mattermost-sandbox test-compile exec:java                      # port 8065, runs until Ctrl+C
 * ./mvnw -B -pl mattermost-sandbox test-compile exec:java -Dexec.args="--once"  # post, check, exit (CI)
 * </pre>
 * Arguments: {@code --port N} (0 = any free port), {@code --once}.
 */
public final class SampleAlerts {
  /** Integrations usually run with overrides on, so webhook posts carry their tool's name. */
  private static final SandboxSettings DEMO_SETTINGS =
      SandboxSettings.builder().enablePostUsernameOverride(true).enablePostIconOverride(true).build();

  private SampleAlerts() {
  }

  public static void main(String[] args) throws Exception {
    int port = 8065;
    boolean once = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--once": once = true; break;
        case "--port": port = Integer.parseInt(args[++i]); break;
        default: throw new IllegalArgumentException("unknown argument " + args[i] + " (use --port N, --once)");
      }
    }
    MattermostSandbox sandbox = start(port);
    try {
      post(sandbox);
      List<?> builds = sandbox.posts(MattermostSandbox.TEAM, "builds");
      List<?> alerts = sandbox.posts(MattermostSandbox.TEAM, "alerts");
      if (builds.size() != 2 || alerts.size() != 1) {
        throw new IllegalStateException("expected 2 posts in builds and 1 in alerts but got " + builds.size() + " and " + alerts.size());
      }
      System.out.println();
      System.out.println("Sample alerts posted. Inbox: " + sandbox.url() + "/");
      System.out.println("  #builds: " + sandbox.url() + "/factory/channels/builds");
      System.out.println("  #alerts: " + sandbox.url() + "/factory/channels/alerts");
      if (once) return;
      System.out.println("Press Ctrl+C to stop.");
      CountDownLatch forever = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(forever::countDown));
      forever.await();
    } finally {
      sandbox.close();
    }
  }

  private static MattermostSandbox start(int port) throws IOException {
    try {
      return MattermostSandbox.builder().withSampleData().settings(DEMO_SETTINGS).port(port).build().start();
    } catch (BindException e) {
      System.out.println("Port " + port + " is busy; using a free one.");
      return MattermostSandbox.builder().withSampleData().settings(DEMO_SETTINGS).port(0).build().start();
    }
  }

  static void post(MattermostSandbox sandbox) throws IOException {
    String site = sandbox.url();
    MattermostClient admin = MattermostClient.builder().siteUrl(site).token(MattermostSandbox.ADMIN_TOKEN)
        .team(MattermostSandbox.TEAM).build();
    admin.calls().enable(sandbox.channelId(MattermostSandbox.TEAM, "war-room"));

    MattermostClient jenkins = MattermostClient.builder().siteUrl(site).token(MattermostSandbox.JENKINS_BOT_TOKEN)
        .team(MattermostSandbox.TEAM).build();
    String warRoom = WarRoom.link(site, MattermostSandbox.TEAM, "war-room");
    String log = "[INFO] Tests run: 214, Failures: 2, Errors: 0, Skipped: 3\n"
        + "[ERROR] PaymentGatewayIT.refundsTwice:88 expected: <1> but was: <2>\n"
        + "[ERROR] CurrencyRoundingTest.halfEven:41 expected: <10.05> but was: <10.04>\n"
        + "[INFO] BUILD FAILURE";
    Attachment failed = Attachment.builder()
        .fallback("payments-service #142 failed on main")
        .color("#e40303")
        .authorName("Jenkins")
        .title("payments-service #142 failed")
        .titleLink("https://jenkins.factory.example/job/payments-service/142/")
        .text("Stage **Integration tests** failed after 7 min 12 s.\n" + SafeText.codeBlock(log))
        .addField(Field.of("Branch", SafeText.neutralize("main"), true))
        .addField(Field.of("Commit", "`4f9c2e1` " + SafeText.neutralize("Fix currency rounding"), true))
        .addField(Field.of("Duration", "7 min 12 s", true))
        .addField(Field.of("Culprits", "@alice @bob", true))
        .addField(Field.of("Failed tests", "| Test | Error |\n|---|---|\n| PaymentGatewayIT.refundsTwice | 2 refunds instead of 1 |\n"
            + "| CurrencyRoundingTest.halfEven | 10.04 instead of 10.05 |", false))
        .footer("Jenkins · factory")
        .build();
    PostResult root = jenkins.send(Post.builder()
        .channel("builds")
        .text(":rotating_light: **Build failed** — payments-service #142 on `main`. [Join the War Room](" + warRoom + ")")
        .priority(Priority.builder(Priority.Level.URGENT).requestedAck(true).build())
        .addAttachment(failed)
        .build());

    jenkins.reply(root.postId(), Post.builder()
        .channel("builds")
        .text(":white_check_mark: **Back to normal** — payments-service #143 passed")
        .addAttachment(Attachment.builder()
            .fallback("payments-service #143 is back to normal")
            .color("#3db887")
            .title("payments-service #143 passed")
            .titleLink("https://jenkins.factory.example/job/payments-service/143/")
            .addField(Field.of("Branch", "main", true))
            .addField(Field.of("Duration", "6 min 58 s", true))
            .footer("Jenkins · factory")
            .build())
        .build());

    jenkins.update(root.postId(), Post.builder()
        .channel("builds")
        .text(":rotating_light: **Build failed** — payments-service #142 on `main` (fixed in #143). [Join the War Room]("
            + warRoom + ")")
        .priority(Priority.builder(Priority.Level.URGENT).requestedAck(true).build())
        .addAttachment(failed)
        .build());

    MattermostClient sonar = MattermostClient.builder().webhookUrl(sandbox.hookUrl(MattermostSandbox.SONAR_HOOK)).build();
    sonar.send(Post.builder()
        .channel("alerts")
        .username("SonarQube")
        .text("Quality gate **failed** for payments-service on `main`")
        .addAttachment(Attachment.builder()
            .fallback("Quality gate failed: payments-service")
            .color("#d24b4e")
            .authorName("SonarQube")
            .title("Quality Gate failed: payments-service")
            .titleLink("https://sonar.factory.example/dashboard?id=payments-service&branch=main")
            .addField(Field.of("Coverage on new code", "61.2 % (required ≥ 80 %)", true))
            .addField(Field.of("New bugs", "3 (required 0)", true))
            .addField(Field.of("New security hotspots reviewed", "50 % (required 100 %)", true))
            .addField(Field.of("Duplicated lines on new code", "2.1 %", true))
            .footer("SonarQube · analysis of 4f9c2e1")
            .build())
        .build());
  }
}
