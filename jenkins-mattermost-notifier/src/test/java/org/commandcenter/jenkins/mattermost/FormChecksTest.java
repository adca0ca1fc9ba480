package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import org.commandcenter.jenkins.mattermost.FieldCheck.Kind;
import org.junit.jupiter.api.Test;

class FormChecksTest {
  private static final String HOOK = "https://chat.example.test/hooks/abcdefghijklmnopqrstuvwxyz";

  @Test
  void siteUrlMustBeAnHttpBaseUrl() {
    assertThat(FormChecks.siteUrl("https://chat.example.test", true).kind()).isEqualTo(Kind.OK);
    assertThat(FormChecks.siteUrl("http://chat.example.test", true).kind()).isEqualTo(Kind.WARNING);
    assertThat(FormChecks.siteUrl("", false).kind()).isEqualTo(Kind.OK);
    assertThat(FormChecks.siteUrl("", true).message()).isEqualTo("Site URL: required.");
    assertThat(FormChecks.siteUrl("chat.example.test", true).message()).startsWith("Site URL: must start with http");
    assertThat(FormChecks.siteUrl("https://user:pw@chat.example.test", true).message())
        .isEqualTo("Site URL: must not contain a user name or password; use credentials instead.");
    assertThat(FormChecks.siteUrl("https://chat.example.test/?x=1", true).kind()).isEqualTo(Kind.ERROR);
  }

  @Test
  void composeServiceNamesWithUnderscoresAreHosts() {
    // java.net.URI finds no host in these; Mattermost's own parser (and ours) does.
    assertThat(FormChecks.siteUrl("http://mattermost_app:8065", true).kind()).isEqualTo(Kind.WARNING);
    assertThat(FormChecks.siteUrl("https://mattermost_app:8065", true).kind()).isEqualTo(Kind.OK);
    FieldCheck webhookAsSite = FormChecks.siteUrl("http://mattermost_app:8065/hooks/abcdefghijklmnopqrstuvwxyz", true);
    assertThat(webhookAsSite.kind()).isEqualTo(Kind.ERROR);
    assertThat(webhookAsSite.message()).doesNotContain("abcdefghijklmnopqrstuvwxyz");
    assertThat(FormChecks.endpoint("http://mattermost_app:8065/hooks/abcdefghijklmnopqrstuvwxyz").kind())
        .isEqualTo(Kind.WARNING);
  }

  @Test
  void siteUrlRejectsAWebhookUrlWithoutEchoingIt() {
    FieldCheck check = FormChecks.siteUrl(HOOK, true);
    assertThat(check.kind()).isEqualTo(Kind.ERROR);
    assertThat(check.message()).doesNotContain("abcdefghijklmnopqrstuvwxyz");
  }

  @Test
  void endpointErrorsNeverEchoTheUrl() {
    FieldCheck check = FormChecks.endpoint("ftp://chat.example.test/hooks/abcdefghijklmnopqrstuvwxyz");
    assertThat(check.kind()).isEqualTo(Kind.ERROR);
    assertThat(check.message()).startsWith("Endpoint:").doesNotContain("abcdefghijklmnopqrstuvwxyz");
    assertThat(FormChecks.endpoint(HOOK).kind()).isEqualTo(Kind.OK);
  }

  @Test
  void channelsFollowMattermostNameRules() {
    assertThat(FormChecks.channels("Channels", "builds, #team-app; alerts_2", false).kind()).isEqualTo(Kind.OK);
    assertThat(FormChecks.channels("Channels", "4xp9fdt7pbgium38k5fhrcifyo", false).kind()).isEqualTo(Kind.OK);
    FieldCheck upper = FormChecks.channels("Channels", "Builds", false);
    assertThat(upper.message()).startsWith("Channels: \"Builds\" is not a Mattermost channel name")
        .contains("lowercase");
    assertThat(FormChecks.channels("Channels", "town square", false).kind()).isEqualTo(Kind.ERROR);
    assertThat(FormChecks.channels("Channels", "a".repeat(65), false).kind()).isEqualTo(Kind.ERROR);
  }

  @Test
  void oldPluginChannelSyntaxIsAcceptedForTheStep() {
    assertThat(FormChecks.channels("Channel", "jenkins@builds;@alice,ci@@bob", true).kind()).isEqualTo(Kind.OK);
    assertThat(FormChecks.channels("Channel", "@alice", false).kind()).isEqualTo(Kind.ERROR);
    assertThat(FormChecks.channels("Channel", "@A", true).message()).startsWith("Channel: \"@A\"");
    assertThat(FormChecks.channels("Channel", "${CHANNEL}", true).kind()).isEqualTo(Kind.OK);
  }

  @Test
  void coloursAreTheOldPluginsNamesOrHex() {
    for (String ok : new String[] {"", "good", "warning", "danger", "#439FE0"}) {
      assertThat(FormChecks.color(ok).kind()).as(ok).isEqualTo(Kind.OK);
    }
    assertThat(FormChecks.color("red").kind()).isEqualTo(Kind.ERROR);
    // The client (and slack_attachment.go) want all six digits: a form must not accept what every build then refuses.
    assertThat(FormChecks.color("#fff").kind()).isEqualTo(Kind.ERROR);
    assertThat(FormChecks.color("#12345").kind()).isEqualTo(Kind.ERROR);
  }

  @Test
  void iconsAreUrlsOrEmoji() {
    assertThat(FormChecks.icon("Icon", ":jenkins:").kind()).isEqualTo(Kind.OK);
    assertThat(FormChecks.icon("Icon", "https://jenkins.example.test/static/icon.png").kind()).isEqualTo(Kind.OK);
    assertThat(FormChecks.icon("Icon", "jenkins").kind()).isEqualTo(Kind.ERROR);
  }

  @Test
  void priorityIsAMattermostLevel() {
    assertThat(FormChecks.priority("URGENT").kind()).isEqualTo(Kind.OK);
    assertThat(FormChecks.priority("critical").message()).startsWith("Priority: \"critical\"");
  }

  @Test
  void numbersMustBeInRange() {
    assertThat(FormChecks.integerInRange("Log lines", "50", 0, 1000).kind()).isEqualTo(Kind.OK);
    assertThat(FormChecks.integerInRange("Log lines", "1001", 0, 1000).message())
        .isEqualTo("Log lines: must be a whole number from 0 to 1000.");
    assertThat(FormChecks.integerInRange("Log lines", "ten", 0, 1000).kind()).isEqualTo(Kind.ERROR);
  }

  @Test
  void caCertificateMustBeReadablePem() throws Exception {
    // A self-signed test CA (public certificate only, no key) generated once with openssl.
    String pem;
    try (java.io.InputStream in = getClass().getResourceAsStream("/factory-root-ca.pem")) {
      pem = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
    }
    FieldCheck check = FormChecks.caCertificate(pem);
    assertThat(check.kind()).isEqualTo(Kind.OK);
    assertThat(check.message()).startsWith("1 certificate(s); first: CN=Factory Root CA");
    assertThat(FormChecks.caCertificate("hello").kind()).isEqualTo(Kind.ERROR);
    assertThat(FormChecks.caCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n").message())
        .startsWith("CA certificate:");
  }

  @Test
  void teamNamesAreLowercaseUrlNames() {
    assertThat(FormChecks.team("factory").kind()).isEqualTo(Kind.OK);
    assertThat(FormChecks.team("Software Factory").message()).startsWith("Team:");
  }

  @Test
  void aUsersMattermostUsernameMustMentionExactlyThatUser() {
    assertThat(FormChecks.mentionableUsername("").kind()).isEqualTo(FieldCheck.Kind.OK);
    assertThat(FormChecks.mentionableUsername("@Alice.Martin").kind()).isEqualTo(FieldCheck.Kind.OK);
    assertThat(FormChecks.mentionableUsername("here").message()).contains("\"here\" is reserved");
    assertThat(FormChecks.mentionableUsername("@channel").message()).contains("\"channel\" is reserved");
    assertThat(FormChecks.mentionableUsername("alice martin").message())
        .startsWith("Mattermost username: 1 to 64 of a-z");
  }
}
