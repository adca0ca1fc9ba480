package org.commandcenter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.commandcenter.cli.console.ExitCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is refused before anything is sent, with exit code 2 and the option or field named. */
class SendUsageTest {
  private static final Map<String, String> WEBHOOK = Map.of("MATTERMOST_WEBHOOK_URL", "http://127.0.0.1:9/hooks/abcdefabcdefabcdefabcdefab");

  @TempDir
  Path directory;

  @Test
  void refusesToGuessWhereToSend() {
    CliRun run = CliRun.run(Map.of(), "send", "hello");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err).contains("nowhere to send").contains("MATTERMOST_WEBHOOK_URL");
  }

  @Test
  void refusesAnEmptyMessage() {
    CliRun run = CliRun.run(WEBHOOK, "send");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err).contains("nothing to send");
  }

  @Test
  void namesTheColorFlagWhenTheColorIsInvalid() {
    CliRun run = CliRun.run(WEBHOOK, "send", "--color", "blurple", "--title", "Build failed");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err).contains("--color: must be one of good, warning, danger");
  }

  @Test
  void namesTheTitleFlagWhenATitleLinkHasNoTitle() {
    CliRun run = CliRun.run(WEBHOOK, "send", "--title-link", "https://ci.example/job/1", "x");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err).contains("--title-link: cannot be set without --title");
  }

  @Test
  void explainsTheFieldSyntax() {
    CliRun run = CliRun.run(WEBHOOK, "send", "--field", "no-equals-sign", "x");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err).contains("--field 'no-equals-sign': expected TITLE=VALUE");
  }

  @Test
  void needsAPriorityForAcknowledgements() {
    CliRun run = CliRun.run(WEBHOOK, "send", "--ack", "x");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err).contains("--ack: needs --priority");
  }

  @Test
  void namesTheJsonPathOfABadAttachment() throws Exception {
    Path json = Files.writeString(directory.resolve("a.json"),
        "[{\"title\":\"ok\"},{\"fields\":[{\"title\":\"Branch\",\"value\":\"main\",\"short\":\"yes\"}]}]");

    CliRun run = CliRun.run(WEBHOOK, "send", "--attachments-json", json.toString());

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err).contains("attachments[1].fields[0].short: expected true or false");
  }

  @Test
  void namesTheJsonMemberWhenTheClientRejectsIt() {
    CliRun run = CliRun.runWithStdin(WEBHOOK, "{\"attachments\":[{\"title_link\":\"https://x.example\"}]}",
        "send", "--attachments-json", "-");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err).contains("attachments[0].title_link: cannot be set without title");
  }

  @Test
  void refusesInvalidJson() {
    CliRun run = CliRun.runWithStdin(WEBHOOK, "[{", "send", "--attachments-json", "-");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err).contains("--attachments-json (stdin): not valid JSON");
  }

  @Test
  void needsATeamToResolveAChannelNameOverRest() {
    CliRun run = CliRun.run(Map.of("MATTERMOST_TOKEN", "abcdefghijklmnopqrstuvwxyz"), "send", "--url", "http://127.0.0.1:9",
        "--channel", "builds", "x");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err).contains("--team (or MATTERMOST_TEAM) is required to resolve the channel name 'builds'");
  }

  @Test
  void refusesAMissingCaFileByName() {
    CliRun run = CliRun.run(WEBHOOK, "send", "--ca-file", directory.resolve("missing.pem").toString(), "x");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err).contains("--ca-file: file not found");
  }

  @Test
  void documentsTheExitCodesInHelp() {
    CliRun run = CliRun.run(Map.of(), "send", "--help");

    assertThat(run.exitCode).isEqualTo(ExitCode.OK);
    assertThat(run.out).contains("Exit codes:").contains("3  token or webhook rejected");
  }
}
