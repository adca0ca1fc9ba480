package org.commandcenter.sonar.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerUrlsTest {

  private final MapConfiguration config = new MapConfiguration()
      .set(MattermostProperties.WEBHOOK_URL, "http://127.0.0.1:1/hooks/abc");

  @Test
  void linksToTheServerBaseUrl() {
    config.set(ServerUrls.SERVER_BASE_URL, "https://sonar.example.com/");

    assertThat(ServerUrls.publicRootUrl(config)).isEqualTo("https://sonar.example.com");
  }

  @Test
  void linksLikeSonarQubeWithoutABaseUrl() {
    assertThat(ServerUrls.publicRootUrl(config)).isEqualTo("http://localhost:9000");
    config.set("sonar.web.host", "0.0.0.0").set("sonar.web.port", "9100").set("sonar.web.context", "/sonar/");
    assertThat(ServerUrls.publicRootUrl(config)).isEqualTo("http://localhost:9100/sonar");
  }

  @Test
  void reachesTheWebApiOnLoopbackUnlessTheWebServerListensElsewhere() {
    assertThat(ServerUrls.localWebApiUrl(GateSettings.from(config), config)).isEqualTo("http://127.0.0.1:9000");
    config.set("sonar.web.port", "9100").set("sonar.web.context", "sonar");
    assertThat(ServerUrls.localWebApiUrl(GateSettings.from(config), config)).isEqualTo("http://127.0.0.1:9100/sonar");
    config.set("sonar.web.host", "10.1.2.3");
    assertThat(ServerUrls.localWebApiUrl(GateSettings.from(config), config)).isEqualTo("http://10.1.2.3:9100/sonar");
    config.set("sonar.web.host", "::1");
    assertThat(ServerUrls.localWebApiUrl(GateSettings.from(config), config)).isEqualTo("http://[::1]:9100/sonar");
    config.set(MattermostProperties.WEB_API_URL, "https://sonar.internal/");
    assertThat(ServerUrls.localWebApiUrl(GateSettings.from(config), config)).isEqualTo("https://sonar.internal");
  }
}
