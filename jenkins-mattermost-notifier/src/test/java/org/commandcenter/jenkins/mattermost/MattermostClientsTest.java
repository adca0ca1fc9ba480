package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.commandcenter.mattermost.MattermostClient;
import org.junit.jupiter.api.Test;

/** Which transport a notification uses, from the secret (token or webhook URL) and the step's endpoint. */
class MattermostClientsTest {
  private static final String HOOK = "https://chat.example.test/hooks/abcdefghijklmnopqrstuvwxyz";
  private final ConnectionSettings settings = ConnectionSettings.builder()
      .siteUrl("https://chat.example.test/").team("factory").build();

  @Test
  void aTokenUsesTheRestApiOfTheSiteUrl() {
    MattermostClient client = MattermostClients.create(settings, "bot-token", null, null);
    assertThat(client.isWebhook()).isFalse();
    assertThat(client.siteUrl()).isEqualTo("https://chat.example.test");
  }

  @Test
  void aWebhookUrlInTheCredentialUsesTheWebhook() {
    assertThat(MattermostClients.create(settings, HOOK, null, null).isWebhook()).isTrue();
  }

  @Test
  void theStepsWebhookEndpointWinsAndNeedsNoSecret() {
    assertThat(MattermostClients.create(settings, null, HOOK, null).isWebhook()).isTrue();
    assertThat(MattermostClients.create(settings, "bot-token", HOOK, null).isWebhook()).isTrue();
  }

  @Test
  void aSiteUrlEndpointIsUsedWithTheToken() {
    MattermostClient client = MattermostClients.create(settings, "bot-token", "https://other.example.test", null);
    assertThat(client.siteUrl()).isEqualTo("https://other.example.test");
  }

  @Test
  void missingPiecesAreNamedWithoutEchoingSecrets() {
    ConnectionSettings noSite = settings.newBuilder().siteUrl(null).build();
    assertThatThrownBy(() -> MattermostClients.create(noSite, "bot-token", null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("siteUrl:")
        .hasMessageNotContaining("bot-token");
    assertThatThrownBy(() -> MattermostClients.create(settings, null, null, null))
        .hasMessageStartingWith("credentialsId:");
    assertThatThrownBy(() -> MattermostClients.create(settings, null, "https://chat.example.test", null))
        .hasMessageStartingWith("endpoint:");
    assertThatThrownBy(() -> MattermostClients.create(settings, HOOK, "https://other.example.test", null))
        .hasMessageStartingWith("endpoint:").hasMessageNotContaining("abcdefghijklmnopqrstuvwxyz");
    ConnectionSettings webhookAsSite = settings.newBuilder().siteUrl(HOOK).build();
    assertThatThrownBy(() -> MattermostClients.create(webhookAsSite, "bot-token", null, null))
        .hasMessageStartingWith("Site URL:").hasMessageNotContaining("abcdefghijklmnopqrstuvwxyz");
  }

  @Test
  void aPrivateCaIsAccepted() throws Exception {
    String pem;
    try (InputStream in = getClass().getResourceAsStream("/factory-root-ca.pem")) {
      pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    ConnectionSettings withCa = settings.newBuilder().caCertificate(pem).build();
    assertThat(MattermostClients.create(withCa, "bot-token", null, null).isWebhook()).isFalse();
  }
}
