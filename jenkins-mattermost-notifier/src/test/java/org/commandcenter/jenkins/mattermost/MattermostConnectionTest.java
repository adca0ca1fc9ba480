package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Run;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.commandcenter.mattermost.MattermostClient;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/**
 * Which Mattermost a notification reaches and with which secret: the global token only ever goes to the global site
 * URL; a job's endpoint and credential are resolved in the job's own context.
 */
class MattermostConnectionTest {
  private static final String HOOK = "https://chat.example.test/hooks/abcdefghijklmnopqrstuvwxyz";
  private static final String GLOBAL_TOKEN = "global-bot-token";
  private final ConnectionSettings settings = ConnectionSettings.builder()
      .siteUrl("https://chat.example.test/").credentialsId("mm-bot").team("factory").build();
  private final Run<?, ?> run = mock(Run.class);
  private MockedStatic<CredentialsProvider> credentials;

  @BeforeEach
  void setUp() {
    credentials = mockStatic(CredentialsProvider.class);
    TestCredentials.global(credentials, TestCredentials.secretText("mm-bot", GLOBAL_TOKEN));
  }

  @AfterEach
  void tearDown() {
    credentials.close();
  }

  private MattermostConnection resolve(String credentialId, String endpoint) {
    return MattermostConnection.resolve(settings, new MattermostConnection.Choice(credentialId, "credentialId",
        endpoint), run);
  }

  @Test
  void theGlobalTokenGoesToTheGlobalSiteAndIsTrackedOnTheRun() {
    MattermostConnection connection = resolve(null, null);

    assertThat(connection.siteUrl()).isEqualTo("https://chat.example.test");
    assertThat(connection.token()).isEqualTo(GLOBAL_TOKEN);
    credentials.verify(() -> CredentialsProvider.track(org.mockito.ArgumentMatchers.same(run), any()));
    MattermostClient client = MattermostClients.create(settings, connection, null);
    assertThat(client.siteUrl()).isEqualTo("https://chat.example.test");
  }

  @Test
  void aWebhookUrlInTheGlobalCredentialUsesTheWebhook() {
    TestCredentials.global(credentials, TestCredentials.secretText("mm-bot", HOOK));

    assertThat(resolve(null, null).webhookUrl()).isEqualTo(HOOK);
  }

  @Test
  void theStepsWebhookEndpointNeedsNoSecretAtAll() {
    MattermostConnection connection = resolve(null, HOOK);

    assertThat(connection.webhookUrl()).isEqualTo(HOOK);
    assertThat(connection.token()).isNull();
    credentials.verifyNoInteractions();
  }

  @Test
  void anotherSiteAsEndpointIsRefusedWithoutTheJobsOwnCredential() {
    assertThatThrownBy(() -> resolve(null, "https://collector.attacker.test"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("endpoint: a Mattermost site other than the configured one needs credentialId")
        .hasMessageNotContaining("attacker");
    credentials.verify(() -> CredentialsProvider.lookupCredentialsInItem(any(), any(), any()),
        org.mockito.Mockito.never());
  }

  @Test
  void theConfiguredSiteAsEndpointKeepsTheGlobalToken() {
    assertThat(resolve(null, "https://CHAT.example.test").token()).isEqualTo(GLOBAL_TOKEN);
    assertThat(resolve(null, "https://chat.example.test/").token()).isEqualTo(GLOBAL_TOKEN);
    assertThatThrownBy(() -> resolve(null, "http://chat.example.test")).hasMessageStartingWith("endpoint:");
    assertThatThrownBy(() -> resolve(null, "https://chat.example.test:8443")).hasMessageStartingWith("endpoint:");
    assertThatThrownBy(() -> resolve(null, "https://chat.example.test/other")).hasMessageStartingWith("endpoint:");
  }

  @Test
  void anotherSiteTakesTheJobsOwnCredentialFromTheRunsContext() {
    StringCredentials deploy = TestCredentials.secretText("deploy-bot", "deploy-token");
    TestCredentials.visibleTo(credentials, run, deploy);

    MattermostConnection connection = resolve("deploy-bot", "https://other.example.test");

    assertThat(connection.siteUrl()).isEqualTo("https://other.example.test");
    assertThat(connection.token()).isEqualTo("deploy-token");
    credentials.verify(() -> CredentialsProvider.track(run, deploy));
    credentials.verify(() -> CredentialsProvider.lookupCredentialsInItem(any(), any(), any()),
        org.mockito.Mockito.never());
  }

  @Test
  void aJobCredentialIsNeverLookedUpAsJenkinsItself() {
    // A SYSTEM-scoped credential is visible only to the root lookup; a job naming its id must not get it.
    TestCredentials.global(credentials, TestCredentials.secretText("mm-bot", GLOBAL_TOKEN),
        TestCredentials.secretText("system-only", "system-token"));

    assertThatThrownBy(() -> resolve("system-only", null))
        .hasMessage("credentialId: no Secret Text credentials with id \"system-only\" are visible to this build.");
  }

  @Test
  void missingPiecesAreNamedWithoutEchoingSecrets() {
    ConnectionSettings noSite = settings.newBuilder().siteUrl(null).build();
    assertThatThrownBy(() -> MattermostConnection.resolve(noSite, MattermostConnection.Choice.globalDefault(), run))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("siteUrl:")
        .hasMessageNotContaining(GLOBAL_TOKEN);
    ConnectionSettings noCredentials = settings.newBuilder().credentialsId(null).build();
    assertThatThrownBy(() -> MattermostConnection.resolve(noCredentials, MattermostConnection.Choice.globalDefault(),
        run)).hasMessageStartingWith("credentialsId:");
    ConnectionSettings unknown = settings.newBuilder().credentialsId("gone").build();
    assertThatThrownBy(() -> MattermostConnection.resolve(unknown, MattermostConnection.Choice.globalDefault(), run))
        .hasMessageStartingWith("credentialsId: no Secret Text credentials with id \"gone\" among Jenkins");
    StringCredentials hookInJob = TestCredentials.secretText("job-hook", HOOK);
    TestCredentials.visibleTo(credentials, run, hookInJob);
    assertThatThrownBy(() -> resolve("job-hook", "https://other.example.test"))
        .hasMessageStartingWith("endpoint:").hasMessageNotContaining("abcdefghijklmnopqrstuvwxyz");
    ConnectionSettings webhookAsSite = settings.newBuilder().siteUrl(HOOK).build();
    assertThatThrownBy(() -> MattermostConnection.resolve(webhookAsSite, MattermostConnection.Choice.globalDefault(),
        run)).hasMessageStartingWith("Site URL:").hasMessageNotContaining("abcdefghijklmnopqrstuvwxyz");
  }

  @Test
  void aPrivateCaIsAccepted() throws Exception {
    String pem;
    try (InputStream in = getClass().getResourceAsStream("/factory-root-ca.pem")) {
      pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    ConnectionSettings withCa = settings.newBuilder().caCertificate(pem).build();
    assertThat(MattermostClients.create(withCa, resolve(null, null), null).isWebhook()).isFalse();
  }
}
