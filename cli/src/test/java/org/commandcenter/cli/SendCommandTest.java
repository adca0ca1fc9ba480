package org.commandcenter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.commandcenter.cli.console.ExitCode;
import org.commandcenter.sandbox.MattermostSandbox;
import org.commandcenter.sandbox.ReceivedPost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code send} against the Mattermost stand-in: what goes over the wire, exit codes, and no secret in the output. */
class SendCommandTest {
  private final MattermostSandbox mattermost = MattermostSandbox.builder().withSampleData().build();
  private final TestPki pki = new TestPki();

  @TempDir
  Path directory;

  @BeforeEach
  void start() throws Exception {
    mattermost.start();
  }

  @AfterEach
  void stop() {
    mattermost.close();
  }

  private Map<String, String> webhook() {
    return Map.of("MATTERMOST_WEBHOOK_URL", mattermost.hookUrl(MattermostSandbox.JENKINS_HOOK));
  }

  private Map<String, String> bot() {
    return Map.of("MATTERMOST_URL", mattermost.url(), "MATTERMOST_TOKEN", MattermostSandbox.JENKINS_BOT_TOKEN,
        "MATTERMOST_TEAM", "factory");
  }

  /**
   * Compose service names have underscores, which {@link java.net.URI} cannot take as a host. The stand-in plays
   * {@code mattermost_app}: it is reached through the proxy variable, so the name never has to resolve.
   */
  @Test
  void postsToAWebhookOnADockerStyleHostName() {
    CliRun run = CliRun.run(Map.of(
            "MATTERMOST_WEBHOOK_URL", "http://mattermost_app:8065/hooks/" + MattermostSandbox.JENKINS_HOOK,
            "HTTP_PROXY", mattermost.url()),
        "send", "from the compose network");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.err).contains("delivered over the incoming webhook");
    assertThat(mattermost.posts("factory", "builds")).singleElement()
        .satisfies(post -> assertThat(post.message()).isEqualTo("from the compose network"))
        .satisfies(post -> assertThat(post.fromWebhook()).isTrue());
    assertThat(mattermost.requests()).singleElement()
        .satisfies(request -> assertThat(request.path()).isEqualTo("/hooks/" + MattermostSandbox.JENKINS_HOOK))
        .satisfies(request -> assertThat(request.authorization()).isNull());
    assertThat(run.all()).doesNotContain(MattermostSandbox.JENKINS_HOOK);
  }

  /** picocli's @FILE expansion is off: untrusted text that starts with '@' is posted as it is, never as a file. */
  @Test
  void anAtFileArgumentIsTextNotAFileToRead() throws Exception {
    Path file = directory.resolve("environ");
    Files.writeString(file, "MATTERMOST_TOKEN=s3cr3t-from-the-file\n--channel\nsomewhere-else\n");

    CliRun run = CliRun.run(webhook(), "send", "@" + file);

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(mattermost.posts("factory", "builds")).singleElement()
        .satisfies(post -> assertThat(post.message()).isEqualTo("@" + file));
    assertThat(mattermost.requests().toString()).doesNotContain("s3cr3t-from-the-file").doesNotContain("somewhere-else");
  }

  @Test
  void textAfterADoubleDashIsNeverReadAsOptions() {
    CliRun run = CliRun.run(webhook(), "send", "--", "--color danger --title pwned");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(mattermost.posts("factory", "builds")).singleElement()
        .satisfies(post -> assertThat(post.message()).isEqualTo("--color danger --title pwned"))
        .satisfies(post -> assertThat(post.attachments()).isEmpty());
  }

  @Test
  void postsAnAlertWithAnAttachmentBuiltFromFlagsOverTheWebhook() {
    CliRun run = CliRun.run(webhook(), "send", "Build #42 failed",
        "--color", "danger", "--title", "main #42", "--title-link", "https://ci.factory.test/job/42",
        "--short-field", "Stage=test", "--field", "Cause=NullPointerException in FooTest", "--short-field", "Duration=3m",
        "--footer", "Jenkins");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(run.err).contains("delivered over the incoming webhook");
    List<ReceivedPost> posts = mattermost.posts("factory", "builds");
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).message()).isEqualTo("Build #42 failed");
    JsonObject attachment = posts.get(0).attachments().get(0);
    assertThat(attachment.get("color").getAsString()).isEqualTo("danger");
    assertThat(attachment.get("title").getAsString()).isEqualTo("main #42");
    assertThat(attachment.get("title_link").getAsString()).isEqualTo("https://ci.factory.test/job/42");
    assertThat(attachment.get("footer").getAsString()).isEqualTo("Jenkins");
    assertThat(attachment.getAsJsonArray("fields")).hasSize(3);
    JsonObject first = attachment.getAsJsonArray("fields").get(0).getAsJsonObject();
    assertThat(first.get("title").getAsString()).isEqualTo("Stage");
    assertThat(first.get("short").getAsBoolean()).isTrue();
    JsonObject second = attachment.getAsJsonArray("fields").get(1).getAsJsonObject();
    assertThat(second.get("title").getAsString()).isEqualTo("Cause");
    assertThat(second.get("short").getAsBoolean()).isFalse();
    assertThat(run.all()).doesNotContain(MattermostSandbox.JENKINS_HOOK);
  }

  @Test
  void explainsThatAcknowledgementsNeedALicenceWhenTheServerAnswers501() {
    mattermost.settings(mattermost.settings().newBuilder().professionalLicense(false).build());

    CliRun run = CliRun.run(bot(), "send", "--channel", "alerts", "--priority", "urgent", "--ack", "prod is down");

    assertThat(run.exitCode).isEqualTo(ExitCode.FAILED);
    assertThat(run.err).contains("501")
        .contains("hint: this server does not offer what the message asks for")
        .contains("need a Mattermost Professional or Enterprise licence")
        .doesNotContain("probably down");
  }

  @Test
  void postsOverRestAndPrintsThePostId() {
    CliRun run = CliRun.run(bot(), "send", "--channel", "builds", "deploy finished");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    ReceivedPost post = mattermost.posts("factory", "builds").get(0);
    assertThat(run.out.trim()).isEqualTo(post.id());
    assertThat(post.username()).isEqualTo("jenkins-bot");
    assertThat(post.message()).isEqualTo("deploy finished");
    assertThat(run.all()).doesNotContain(MattermostSandbox.JENKINS_BOT_TOKEN);
  }

  @Test
  void repliesInTheThreadOfAnEarlierPost() {
    String rootId = CliRun.run(bot(), "send", "--channel", "builds", "pipeline #7 started").out.trim();

    CliRun run = CliRun.run(bot(), "send", "--channel", "builds", "--thread", rootId, "stage test failed");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    ReceivedPost reply = mattermost.posts("factory", "builds").get(1);
    assertThat(reply.rootId()).isEqualTo(rootId);
  }

  @Test
  void uploadsFilesWithThePost() throws Exception {
    Path log = java.nio.file.Files.writeString(directory.resolve("build.log"), "BUILD FAILED\n");

    CliRun run = CliRun.run(bot(), "send", "--channel", "builds", "--file", log.toString(), "log attached");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(mattermost.posts("factory", "builds").get(0).fileIds()).hasSize(1);
  }

  @Test
  void readsTheTextFromStandardInput() {
    CliRun run = CliRun.runWithStdin(webhook(), "line one\nline two\n", "send", "--text-file", "-");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(mattermost.posts("factory", "builds").get(0).message()).isEqualTo("line one\nline two\n");
  }

  @Test
  void sendsUrgentPriorityWithAnAcknowledgementRequest() {
    CliRun run = CliRun.run(bot(), "send", "--channel", "alerts", "--priority", "urgent", "--ack", "prod is down");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    JsonObject priority = mattermost.posts("factory", "alerts").get(0).priority().orElseThrow();
    assertThat(priority.get("priority").getAsString()).isEqualTo("urgent");
    assertThat(priority.get("requested_ack").getAsBoolean()).isTrue();
  }

  @Test
  void readsAttachmentsAsJsonFromStandardInput() {
    String json = "{\"attachments\":[{\"color\":\"#FF0000\",\"title\":\"Quality gate failed\","
        + "\"fields\":[{\"title\":\"Coverage\",\"value\":71.5,\"short\":true}]}]}";

    CliRun run = CliRun.runWithStdin(webhook(), json, "send", "--attachments-json", "-");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    JsonObject attachment = mattermost.posts("factory", "builds").get(0).attachments().get(0);
    assertThat(attachment.get("color").getAsString()).isEqualTo("#FF0000");
    JsonObject field = attachment.getAsJsonArray("fields").get(0).getAsJsonObject();
    assertThat(field.get("title").getAsString()).isEqualTo("Coverage");
    assertThat(field.get("value").getAsString()).isEqualTo("71.5");
  }

  @Test
  void neutralizesUntrustedTextSoNobodyIsPinged() {
    CliRun run = CliRun.run(webhook(), "send", "--untrusted-text", "commit by @channel: fix [x](http://evil)");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    String message = mattermost.posts("factory", "builds").get(0).message();
    assertThat(message).doesNotContain("@channel").doesNotContain("[x](http");
  }

  @Test
  void printsTheResultAsJson() {
    CliRun run = CliRun.run(bot(), "send", "--json", "--channel", "builds", "hello");

    JsonObject result = JsonParser.parseString(run.out).getAsJsonObject();
    ReceivedPost post = mattermost.posts("factory", "builds").get(0);
    assertThat(result.get("transport").getAsString()).isEqualTo("rest");
    assertThat(result.get("post_id").getAsString()).isEqualTo(post.id());
    assertThat(result.get("channel_id").getAsString()).isEqualTo(mattermost.channelId("factory", "builds"));
  }

  @Test
  void exitsWithTheAuthCodeWhenTheTokenIsRejected() {
    String wrongToken = "wrong-token-value-123456";
    CliRun run = CliRun.run(Map.of("MATTERMOST_URL", mattermost.url(), "MATTERMOST_TOKEN", wrongToken,
        "MATTERMOST_TEAM", "factory"), "send", "--channel", "builds", "hello");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.AUTH);
    assertThat(run.err).contains("401").contains("hint: the token is invalid");
    assertThat(run.all()).doesNotContain(wrongToken);
    assertThat(mattermost.allPosts()).isEmpty();
  }

  @Test
  void exitsWithTheNotFoundCodeWhenTheChannelIsMissing() {
    CliRun run = CliRun.run(bot(), "send", "--channel", "no-such-channel", "hello");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(run.err).contains("no-such-channel");
  }

  @Test
  void explainsARejectedWebhookWithoutPrintingItsKey() {
    String unknownHook = mattermost.url() + "/hooks/unknownhookunknownhook0000";

    CliRun run = CliRun.run(Map.of("MATTERMOST_WEBHOOK_URL", unknownHook), "send", "hello");

    assertThat(run.exitCode).as(run.toString()).isIn(ExitCode.USAGE, ExitCode.NOT_FOUND);
    assertThat(run.err).contains("400").contains("check that the webhook still exists");
    assertThat(run.all()).doesNotContain("unknownhookunknownhook0000");
  }

  @Test
  void exitsWithTheAuthCodeWhenALockedWebhookTargetsAnotherChannel() {
    CliRun run = CliRun.run(Map.of("MATTERMOST_WEBHOOK_URL", mattermost.hookUrl(MattermostSandbox.LOCKED_HOOK)),
        "send", "--channel", "alerts", "hello");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.AUTH);
    assertThat(mattermost.allPosts()).isEmpty();
  }

  @Test
  void retriesAndThenExitsWithTheFailureCodeWhileMattermostIsDown() {
    mattermost.faults().serverErrors(10);

    CliRun run = CliRun.run(bot(), "send", "--channel", "builds", "--max-attempts", "2", "--deadline", "20s", "hello");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.FAILED);
    assertThat(run.err).contains("503");
    assertThat(mattermost.allPosts()).isEmpty();
  }

  @Test
  void deliversAfterATransientServerError() {
    mattermost.faults().serverErrors(1);

    CliRun run = CliRun.run(webhook(), "send", "--deadline", "20s", "eventually");

    assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
    assertThat(mattermost.posts("factory", "builds")).hasSize(1);
  }

  @Test
  void deliversOverTlsWithThePrivateCa() throws Exception {
    try (TlsFront front = new TlsFront(TestPki.serving(pki.localhost(), pki.siteCa), mattermost.port())) {
      CliRun run = CliRun.run(Map.of("MATTERMOST_TOKEN", MattermostSandbox.JENKINS_BOT_TOKEN), "send",
          "--url", front.url(), "--team", "factory", "--channel", "builds",
          "--ca-file", pki.writeSiteCa(directory).toString(), "over TLS");

      assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.OK);
      assertThat(mattermost.posts("factory", "builds").get(0).message()).isEqualTo("over TLS");
    }
  }

  @Test
  void exitsWithTheTlsCodeWhenTheChainIsNotTrusted() throws Exception {
    try (TlsFront front = new TlsFront(TestPki.serving(pki.signedByOtherCa(), pki.otherCa), mattermost.port())) {
      CliRun run = CliRun.run(Map.of("MATTERMOST_TOKEN", MattermostSandbox.JENKINS_BOT_TOKEN), "send",
          "--url", front.url(), "--team", "factory", "--channel", "builds",
          "--ca-file", pki.writeSiteCa(directory).toString(), "--max-attempts", "1", "over TLS");

      assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCode.TLS);
      assertThat(run.err).contains("hint: the server certificate is not trusted");
      assertThat(mattermost.allPosts()).isEmpty();
      assertThat(run.all()).doesNotContain(MattermostSandbox.JENKINS_BOT_TOKEN);
    }
  }
}
