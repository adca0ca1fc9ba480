package org.commandcenter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.commandcenter.cli.console.ExitCode;
import org.commandcenter.cli.console.Secrets;
import org.junit.jupiter.api.Test;

/** Secrets typed on the command line or set in the environment never come back in picocli's or our own errors. */
class CommandLineSecretsTest {
  private static final String TOKEN = "q8w7e6r5t4y3u2i1o0pasdfgh";
  private static final String HOOK = "http://127.0.0.1:9/hooks/k3yk3yk3yk3yk3yk3yk3yk3yk3";

  @Test
  void doesNotEchoATokenInAUsageError() {
    CliRun run = CliRun.run(Map.of(), "send", "--url", "http://127.0.0.1:9", "--token", TOKEN, "--priority", "bogus", "hi");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err).contains("--priority");
    assertThat(run.all()).doesNotContain(TOKEN);
  }

  @Test
  void doesNotEchoTheValueOfAMisspelledSecretOption() {
    CliRun run = CliRun.run(Map.of(), "send", "--tokn", TOKEN, "hi");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err).contains("Unknown option");
    assertThat(run.all()).doesNotContain(TOKEN);
  }

  @Test
  void doesNotEchoAWebhookKeyInlineOrInErrors() {
    CliRun run = CliRun.run(Map.of(), "send", "--webhook-url=" + HOOK, "--thread", "abc", "hi");

    assertThat(run.exitCode).isEqualTo(ExitCode.USAGE);
    assertThat(run.err).contains("--thread needs the REST API");
    assertThat(run.all()).doesNotContain("k3yk3yk3yk3");
  }

  @Test
  void warnsWhenATokenIsGivenOnTheCommandLine() {
    CliRun run = CliRun.run(Map.of(), "war-room", "--url", "http://127.0.0.1:9", "--team", "factory",
        "--channel", "war-room", "--no-enable", "--token", TOKEN);

    assertThat(run.err).contains("warning: --token puts the token in the process list");
    assertThat(run.all()).doesNotContain(TOKEN);
  }

  @Test
  void masksEnvironmentSecretsEvenInUnexpectedMessages() {
    CliRun run = CliRun.run(Map.of("MATTERMOST_TOKEN", TOKEN), "send", "--url", "http://127.0.0.1:9",
        "--channel", TOKEN, "--team", "factory", "hi", "--max-attempts", "1");

    assertThat(run.all()).doesNotContain(TOKEN);
  }
}
