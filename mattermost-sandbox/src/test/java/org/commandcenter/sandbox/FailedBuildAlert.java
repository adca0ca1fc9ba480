package org.commandcenter.sandbox;

/** A realistic failed-build alert as raw JSON, the way Jenkins' notifier sends it (without the client). */
final class FailedBuildAlert {
  private FailedBuildAlert() {
  }

  static String warRoomLink(MattermostSandbox mm) {
    return mm.url() + "/factory/channels/war-room?join_call=true";
  }

  /** REST body for POST /api/v4/posts in #builds, urgent, with an attachment and a War Room link. */
  static String restBody(MattermostSandbox mm) {
    return "{\"channel_id\":\"" + mm.channelId("factory", "builds") + "\","
        + "\"message\":\"Build failed on `main` — [Join the War Room](" + warRoomLink(mm) + ")\","
        + "\"metadata\":{\"priority\":{\"priority\":\"urgent\",\"requested_ack\":true}},"
        + "\"props\":{\"attachments\":[{"
        + "\"fallback\":\"payments-service #142 failed\","
        + "\"color\":\"danger\","
        + "\"author_name\":\"Jenkins\","
        + "\"title\":\"payments-service #142 failed\","
        + "\"title_link\":\"https://jenkins.factory.example/job/payments-service/142/\","
        + "\"text\":\"Stage **Integration tests** failed after 7 min 12 s.\\n```\\n"
        + "[ERROR] Tests run: 214, Failures: 2, Errors: 0\\n[ERROR] PaymentGatewayIT.refundsTwice:88\\n```\","
        + "\"fields\":["
        + "{\"title\":\"Branch\",\"value\":\"main\",\"short\":true},"
        + "{\"title\":\"Commit\",\"value\":\"`4f9c2e1` Fix currency rounding\",\"short\":true},"
        + "{\"title\":\"Duration\",\"value\":\"7 min 12 s\",\"short\":true},"
        + "{\"title\":\"Culprits\",\"value\":\"alice, bob\",\"short\":true},"
        + "{\"title\":\"Failed tests\",\"value\":\"| Test | Error |\\n|---|---|\\n| PaymentGatewayIT.refundsTwice | expected 1 refund but was 2 |\",\"short\":false}"
        + "],"
        + "\"footer\":\"Jenkins · factory\",\"ts\":1764412800}]}}";
  }

  /** Webhook body of a failed quality gate for #alerts. */
  static String qualityGateWebhook() {
    return "{\"text\":\"Quality gate **failed** for payments-service\","
        + "\"attachments\":[{\"color\":\"#d24b4e\",\"title\":\"Quality Gate failed: payments-service\","
        + "\"title_link\":\"https://sonar.factory.example/dashboard?id=payments-service\","
        + "\"fields\":[{\"title\":\"Coverage on new code\",\"value\":\"61.2% (< 80%)\",\"short\":true},"
        + "{\"title\":\"New bugs\",\"value\":\"3 (> 0)\",\"short\":true}],\"footer\":\"SonarQube\"}]}";
  }
}
