package org.commandcenter.sonar.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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

    config.set(MattermostProperties.SITE_URL, "https://chat.example.com");
    assertThatThrownBy(() -> GateSettings.from(config)).hasMessageStartingWith("sonar.mattermost.team: ");
  }

  @Test
  void leavesOutBadOptionalValuesWithAWarningNamingTheSetting() {
    config.set(MattermostProperties.WEBHOOK_URL, HOOK)
        .set(MattermostProperties.WAR_ROOM_CHANNEL, "war room")
        .set(MattermostProperties.ALLOWED_CHANNELS, "payments,Town Square")
        .set(MattermostProperties.PROJECT_CHANNELS, "1,2,3")
        .set(MattermostProperties.PROJECT_CHANNELS + ".1.projectKey", "shop")
        .set(MattermostProperties.PROJECT_CHANNELS + ".2.channel", "orphans")
        .set(MattermostProperties.PROJECT_CHANNELS + ".3.projectKey", "payments-*")
        .set(MattermostProperties.PROJECT_CHANNELS + ".3.channel", "payments");

    GateSettings settings = GateSettings.from(config);

    assertThat(settings.isActive()).isTrue();
    assertThat(settings.warRoomChannel()).isEmpty();
    assertThat(settings.allowedChannels()).containsExactly("payments");
    assertThat(settings.projectRoutes()).extracting(GateSettings.ProjectRoute::projectKeyPattern)
        .containsExactly("payments-*");
    assertThat(settings.warnings()).hasSize(4)
        .anyMatch(w -> w.startsWith("sonar.mattermost.warRoomChannel: 'war room' is not a channel name"))
        .anyMatch(w -> w.startsWith("sonar.mattermost.allowedChannels: 'Town Square' is not a channel name"))
        .anyMatch(w -> w.startsWith("sonar.mattermost.projectChannels.1.channel: missing channel"))
        .anyMatch(w -> w.startsWith("sonar.mattermost.projectChannels.2.projectKey: missing project key"))
        .allMatch(w -> !w.contains("k3y5ecr3t"));
  }

  @Test
  void tellsExactKeyRowsFromPatternRowsAndIgnoresASecondRowForTheSameKey() {
    config.set(MattermostProperties.WEBHOOK_URL, HOOK)
        .set(MattermostProperties.PROJECT_CHANNELS, "1,2,3")
        .set(MattermostProperties.PROJECT_CHANNELS + ".1.projectKey", "payments-*")
        .set(MattermostProperties.PROJECT_CHANNELS + ".1.channel", "payments")
        .set(MattermostProperties.PROJECT_CHANNELS + ".2.projectKey", " payments-ledger ")
        .set(MattermostProperties.PROJECT_CHANNELS + ".2.channel", "ledger-oncall")
        .set(MattermostProperties.PROJECT_CHANNELS + ".3.projectKey", "payments-ledger")
        .set(MattermostProperties.PROJECT_CHANNELS + ".3.channel", "town-square");

    GateSettings settings = GateSettings.from(config);

    assertThat(settings.projectRoutes())
        .extracting(GateSettings.ProjectRoute::projectKeyPattern, GateSettings.ProjectRoute::isExact,
            GateSettings.ProjectRoute::channel)
        .containsExactly(tuple("payments-*", false, "payments"), tuple("payments-ledger", true, "ledger-oncall"));
    assertThat(settings.warnings()).containsExactly("sonar.mattermost.projectChannels.3.projectKey: project key "
        + "'payments-ledger' is already routed by an earlier row; row ignored");
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
