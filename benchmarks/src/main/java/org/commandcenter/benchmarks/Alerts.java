package org.commandcenter.benchmarks;

import java.util.List;
import org.commandcenter.mattermost.Attachment;
import org.commandcenter.mattermost.Field;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.Priority;
import org.commandcenter.mattermost.text.SafeText;
import org.commandcenter.mattermost.warroom.WarRoom;

/** A typical failed-build alert, as the Jenkins plugin sends it. */
final class Alerts {
  static final String CHANNEL_ID = "buildschannel0000000000000";

  private static final List<String> COMMITS = List.of(
      "Fix flaky retry in PaymentGateway @channel please review",
      "Bump okhttp to 5.3.2 [release notes](http://example.invalid)",
      "# Refactor the ledger | table | injection");
  private static final String LOG_TAIL = String.join("\n",
      "[INFO] Tests run: 412, Failures: 3, Errors: 0, Skipped: 2",
      "[ERROR] LedgerTest.balancesAfterRefund:88 expected:<100> but was:<99>",
      "[ERROR] Failed to execute goal maven-surefire-plugin:3.5.3:test",
      "```",
      "[INFO] BUILD FAILURE");

  private Alerts() {}

  static Post failedBuild(int buildNumber) {
    StringBuilder changes = new StringBuilder();
    for (String commit : COMMITS) {
      changes.append("- ").append(SafeText.neutralize(commit)).append('\n');
    }
    return Post.builder()
        .channel(CHANNEL_ID)
        .text("**payments/main #" + buildNumber + " failed** — "
            + "[War Room](" + WarRoom.link("https://chat.factory.example", "factory", "war-room") + ")")
        .priority(Priority.builder(Priority.Level.URGENT).requestedAck(true).build())
        .addAttachment(Attachment.builder()
            .fallback("payments/main #" + buildNumber + " failed")
            .color("danger")
            .authorName("Jenkins")
            .title("payments/main #" + buildNumber)
            .titleLink("https://ci.factory.example/job/payments/job/main/" + buildNumber + "/")
            .text(changes.toString())
            .addField(Field.of("Status", "FAILURE", true))
            .addField(Field.of("Duration", "4 min 12 s", true))
            .addField(Field.of("Tests", "412 run, 3 failed, 2 skipped", true))
            .addField(Field.of("Cause", "Started by an SCM change", true))
            .addField(Field.of("Log tail", SafeText.codeBlock(LOG_TAIL), false))
            .footer("Command Center")
            .build())
        .build();
  }
}
