package org.commandcenter.cli.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {
  private final Secrets secrets = new Secrets();

  @Test
  void masksRegisteredValuesWhereverTheyAppear() {
    secrets.register("xk4a9bq7m1tokenvalue");

    assertThat(secrets.redact("Authorization failed for xk4a9bq7m1tokenvalue!")).isEqualTo("Authorization failed for ****!");
  }

  @Test
  void masksWebhookKeysBearerTokensAndProxyCredentialsEvenWhenUnregistered() {
    assertThat(secrets.redact("POST https://chat.example/hooks/abc123def456 failed"))
        .isEqualTo("POST https://chat.example/hooks/**** failed");
    assertThat(secrets.redact("header Authorization: Bearer abc.def-123")).isEqualTo("header Authorization: Bearer ****");
    assertThat(secrets.redact("proxy http://user:pa55@proxy.corp:3128")).isEqualTo("proxy http://****@proxy.corp:3128");
    assertThat(secrets.redact("GET /x?access_token=abc&y=1")).isEqualTo("GET /x?access_token=****&y=1");
  }

  @Test
  void ignoresBlankValuesAndLeavesOrdinaryTextAlone() {
    secrets.register(" ");
    secrets.register(null);

    assertThat(secrets.redact("token valid")).isEqualTo("token valid");
  }
}
