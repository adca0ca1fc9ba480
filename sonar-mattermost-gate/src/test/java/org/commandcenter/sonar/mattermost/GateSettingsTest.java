package org.commandcenter.sonar.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GateSettingsTest {

  private static final String HOOK = "https://chat.example.com/mm/hooks/k3y5ecr3t";
  private final MapConfiguration config = new MapConfiguration();

  @Test
  void isInactiveUntilATokenOrWebhookIsSet() {
    assertThat(GateSettings.from(config).isActive()).isFalse();
    config.set(MattermostProperties.WEBHOOK_URL, HOOK);
    assertThat(GateSettings.from(config).isActive()).isTrue();
    config.set(MattermostProperties.ENABLED, "false");
    assertThat(GateSettings.from(config).isActive()).isFalse();
  }

  @Test
  void readsTypedValuesWithDefaults() {
    config.set(MattermostProperties.SITE_URL, "https://chat.example.com/")
        .set(MattermostProperties.BOT_TOKEN, " tok ")
        .set(MattermostProperties.TEAM, "factory")
        .set(MattermostProperties.DEFAULT_CHANNEL, "Alerts")
        .set(MattermostProperties.ALLOWED_CHANNELS, "a, b ,~c")
        .set(MattermostProperties.BRANCHES, "main|release/.*");

    GateSettings settings = GateSettings.from(config);

    assertThat(settings.siteUrl()).contains("https://chat.example.com");
    assertThat(settings.botToken()).contains("tok");
    assertThat(settings.defaultChannel()).contains("alerts");
    assertThat(settings.allowedChannels()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(settings.notifyMode()).isEqualTo(NotifyMode.FAILED);
    assertThat(settings.pullRequests()).isFalse();
    assertThat(settings.branchFilter()).get().matches(p -> p.matcher("release/1.0").matches());
    assertThat(settings.linkSiteUrl()).contains("https://chat.example.com");
  }

  @Test
  void derivesTheSiteOfAWebhookForLinks() {
    config.set(MattermostProperties.WEBHOOK_URL, HOOK);

    assertThat(GateSettings.from(config).linkSiteUrl()).contains("https://chat.example.com/mm");
  }

  @Test
  void namesTheSettingOfABadValueWithoutEchoingSecrets() {
    config.set(MattermostProperties.WEBHOOK_URL, "ftp://k3y5ecr3t");
    assertThatThrownBy(() -> GateSettings.from(config))
        .hasMessageStartingWith("sonar.mattermost.webhookUrl.secured: ")
        .hasMessageNotContaining("k3y5ecr3t");

    config.set(MattermostProperties.WEBHOOK_URL, HOOK).set(MattermostProperties.NOTIFY, "sometimes");
    assertThatThrownBy(() -> GateSettings.from(config)).hasMessageStartingWith("sonar.mattermost.notify: ");

    config.set(MattermostProperties.NOTIFY, "changes").set(MattermostProperties.BRANCHES, "(");
    assertThatThrownBy(() -> GateSettings.from(config)).hasMessageStartingWith("sonar.mattermost.branches: ");

    config.remove(MattermostProperties.BRANCHES).set(MattermostProperties.DEFAULT_CHANNEL, "town square");
    assertThatThrownBy(() -> GateSettings.from(config)).hasMessageStartingWith("sonar.mattermost.channel: ");

    config.remove(MattermostProperties.DEFAULT_CHANNEL).set(MattermostProperties.BOT_TOKEN, "tok");
    assertThatThrownBy(() -> GateSettings.from(config)).hasMessageStartingWith("sonar.mattermost.siteUrl: ");

    config.set(MattermostProperties.PROJECT_CHANNELS, "1")
        .set(MattermostProperties.PROJECT_CHANNELS + ".1.projectKey", "shop")
        .remove(MattermostProperties.BOT_TOKEN);
    assertThatThrownBy(() -> GateSettings.from(config))
        .hasMessageStartingWith("sonar.mattermost.projectChannels.1.channel: ");
  }

  @Test
  void toStringShowsNoSecret() {
    config.set(MattermostProperties.SITE_URL, "https://chat.example.com")
        .set(MattermostProperties.BOT_TOKEN, "bot-s3cret")
        .set(MattermostProperties.TEAM, "factory")
        .set(MattermostProperties.WEBHOOK_URL, HOOK)
        .set(MattermostProperties.WEB_API_TOKEN, "squ_s3cret");

    GateSettings settings = GateSettings.from(config);

    assertThat(settings.toString() + settings.connectionKey())
        .doesNotContain("s3cret").doesNotContain("k3y5ecr3t").contains("transport=bot");
  }
}
