package org.commandcenter.sonar.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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
  void anExactKeyRowBeatsAnEarlierPatternRow() {
    rows(row("payments-*", "payments"), row("payments-ledger", "ledger-oncall"));
    GateSettings settings = GateSettings.from(config);

    ChannelRoute ledger = ChannelRouter.route(settings, "payments-ledger", Map.of());

    assertThat(ledger.channel()).contains("ledger-oncall");
    assertThat(ledger.reason()).isEqualTo("exact key payments-ledger");
    assertThat(ChannelRouter.route(settings, "payments-api", Map.of()).reason()).isEqualTo("key pattern payments-*");
  }

  @Test
  void theFirstMatchingPatternRowWinsAmongPatterns() {
    rows(row("*-api", "apis"), row("payments-*", "payments"));
    GateSettings settings = GateSettings.from(config);

    assertThat(ChannelRouter.route(settings, "payments-api", Map.of()).channel()).contains("apis");
    assertThat(ChannelRouter.route(settings, "payments-ledger", Map.of()).channel()).contains("payments");
  }

  @Test
  void aRenamedKeyFollowsThePatternItNowMatchesAndLeavesTheExactRowOfItsOldKey() {
    rows(row("payments-*", "payments"), row("ledger", "ledger-oncall"));
    GateSettings settings = GateSettings.from(config);
    assertThat(ChannelRouter.route(settings, "ledger", Map.of()).channel()).contains("ledger-oncall");

    // The project administrator renamed "ledger" to "payments-ledger" (api/projects/update_key).
    ChannelRoute renamed = ChannelRouter.route(settings, "payments-ledger", Map.of());

    assertThat(renamed.channel()).contains("payments");
    assertThat(renamed.reason()).isEqualTo("key pattern payments-*");
  }

  @Test
  void keyCharactersOtherThanTheWildcardAreLiteral() {
    rows(row("com.acme.*", "acme"), row("com.acme:shop", "acme-shop"), row("shop?", "odd"));
    GateSettings settings = GateSettings.from(config);

    assertThat(ChannelRouter.route(settings, "com.acme:shop", Map.of()).channel()).contains("acme-shop");
    assertThat(ChannelRouter.route(settings, "com.acme.billing", Map.of()).channel()).contains("acme");
    assertThat(ChannelRouter.route(settings, "comXacme:shop", Map.of()).channel()).contains("alerts");
    assertThat(ChannelRouter.route(settings, "comXacmeXbilling", Map.of()).channel()).contains("alerts");
    assertThat(ChannelRouter.route(settings, "shops", Map.of()).channel()).contains("alerts");
    assertThat(ChannelRouter.route(settings, "COM.ACME:SHOP", Map.of()).channel()).contains("alerts");
  }

  @Test
  void theProjectsOwnAllowedChannelStillComesBeforeAnExactKeyRow() {
    rows(row("shop", "shop-alerts"));

    ChannelRoute route = ChannelRouter.route(GateSettings.from(config), "shop", Analyses.scannerChannel("team-a"));

    assertThat(route.channel()).contains("team-a");
    assertThat(route.reason()).isEqualTo("project setting");
  }

  @Test
  void fallsBackToTheWebhooksOwnChannel() {
    config.remove(MattermostProperties.DEFAULT_CHANNEL).remove(MattermostProperties.PROJECT_CHANNELS);

    ChannelRoute route = ChannelRouter.route(GateSettings.from(config), "shop", Map.of());

    assertThat(route.channel()).isEmpty();
  }

  /** Replaces the project-key mapping by these rows, in this order. */
  @SafeVarargs
  private void rows(Map<String, String>... rows) {
    config.setPropertySet(MattermostProperties.PROJECT_CHANNELS, List.of(rows));
  }

  private static Map<String, String> row(String projectKey, String channel) {
    return Map.of(MattermostProperties.PROJECT_CHANNELS_KEY_FIELD, projectKey,
        MattermostProperties.PROJECT_CHANNELS_CHANNEL_FIELD, channel);
  }
}
