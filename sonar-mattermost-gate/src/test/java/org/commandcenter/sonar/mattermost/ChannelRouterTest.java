package org.commandcenter.sonar.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelRouterTest {

  private final MapConfiguration config = new MapConfiguration()
      .set(MattermostProperties.WEBHOOK_URL, "http://127.0.0.1:1/hooks/abc")
      .set(MattermostProperties.DEFAULT_CHANNEL, "alerts")
      .set(MattermostProperties.ALLOWED_CHANNELS, "team-a,Team-B")
      .set(MattermostProperties.PROJECT_CHANNELS, "1,2")
      .set(MattermostProperties.PROJECT_CHANNELS + ".1.projectKey", "payments-*")
      .set(MattermostProperties.PROJECT_CHANNELS + ".1.channel", "payments")
      .set(MattermostProperties.PROJECT_CHANNELS + ".2.projectKey", "shop")
      .set(MattermostProperties.PROJECT_CHANNELS + ".2.channel", "shop-alerts");

  @Test
  void usesTheProjectsOwnChannelWhenTheAdministratorAllowsIt() {
    ChannelRoute route = ChannelRouter.route(GateSettings.from(config), "shop", Analyses.scannerChannel("team-b"));

    assertThat(route.channel()).contains("team-b");
    assertThat(route.warning()).isEmpty();
  }

  @Test
  void ignoresAForgedChannelThatIsNotAllowed() {
    ChannelRoute route = ChannelRouter.route(GateSettings.from(config), "shop",
        Analyses.scannerChannel("town-square"));

    assertThat(route.channel()).contains("shop-alerts");
    assertThat(route.warning()).get().asString().contains("not in sonar.mattermost.allowedChannels");
  }

  @Test
  void neverTakesAUrlFromTheScanner() {
    ChannelRoute route = ChannelRouter.route(GateSettings.from(config), "other",
        Map.of(MattermostProperties.CONTEXT_CHANNEL, "https://evil.example/hooks/x",
            "sonar.mattermost.webhookUrl.secured", "https://evil.example/hooks/x"));

    assertThat(route.channel()).contains("alerts");
    assertThat(route.warning()).isPresent();
  }

  @Test
  void routesByProjectKeyPatternThenDefault() {
    GateSettings settings = GateSettings.from(config);

    assertThat(ChannelRouter.route(settings, "payments-api", Map.of()).channel()).contains("payments");
    assertThat(ChannelRouter.route(settings, "payments", Map.of()).channel()).contains("alerts");
    assertThat(ChannelRouter.route(settings, "shop", Map.of()).channel()).contains("shop-alerts");
    assertThat(ChannelRouter.route(settings, "shopping", Map.of()).channel()).contains("alerts");
  }

  @Test
  void fallsBackToTheWebhooksOwnChannel() {
    config.remove(MattermostProperties.DEFAULT_CHANNEL).remove(MattermostProperties.PROJECT_CHANNELS);

    ChannelRoute route = ChannelRouter.route(GateSettings.from(config), "shop", Map.of());

    assertThat(route.channel()).isEmpty();
  }
}
