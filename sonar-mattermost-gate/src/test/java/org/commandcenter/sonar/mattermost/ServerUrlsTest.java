package org.commandcenter.sonar.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;
import org.sonar.api.testfixtures.log.LogTesterJUnit5;

class ServerUrlsTest {

  @RegisterExtension
  final LogTesterJUnit5 logTester = new LogTesterJUnit5();

  private final MapConfiguration config = new MapConfiguration()
      .set(MattermostProperties.WEBHOOK_URL, "http://127.0.0.1:1/hooks/abc");

  @Test
  void linksToTheServersPublicRootUrl() {
    assertThat(ServerUrls.publicRootUrl(new FixedServer("https://sonar.example.com/"), config))
        .isEqualTo("https://sonar.example.com");
    assertThat(logTester.logs(Level.WARN)).isEmpty();
  }

  @Test
  void linksToTheWebServerWhenTheBaseUrlIsNotAUrl() {
    config.set("sonar.web.port", "9100").set("sonar.web.context", "/sonar/");

    assertThat(ServerUrls.publicRootUrl(new FixedServer("sonar.example.com"), config))
        .isEqualTo("http://localhost:9100/sonar");
    assertThat(logTester.logs(Level.WARN)).anyMatch(log -> log.contains(ServerUrls.SERVER_BASE_URL));
  }

  @Test
  void computesTheWebServerUrlAsSonarQubeDoes() {
    assertThat(ServerUrls.webServerUrl(config)).isEqualTo("http://localhost:9000");
    config.set("sonar.web.host", "0.0.0.0").set("sonar.web.port", "9100").set("sonar.web.context", "/sonar/");
    assertThat(ServerUrls.webServerUrl(config)).isEqualTo("http://localhost:9100/sonar");
    config.set("sonar.web.host", "sonar.internal").set("sonar.web.port", "80");
    assertThat(ServerUrls.webServerUrl(config)).isEqualTo("http://sonar.internal/sonar");
  }

  @Test
  void reachesTheWebApiOnLoopbackUnlessTheWebServerListensElsewhere() {
    assertThat(ServerUrls.localWebApiUrl(GateSettings.from(config), config)).isEqualTo("http://127.0.0.1:9000");
    config.set("sonar.web.port", "9100").set("sonar.web.context", "sonar");
    assertThat(ServerUrls.localWebApiUrl(GateSettings.from(config), config)).isEqualTo("http://127.0.0.1:9100/sonar");
    config.set("sonar.web.host", "127.0.0.2");
    assertThat(ServerUrls.localWebApiUrl(GateSettings.from(config), config)).isEqualTo("http://127.0.0.2:9100/sonar");
    config.set("sonar.web.host", "::1");
    assertThat(ServerUrls.localWebApiUrl(GateSettings.from(config), config)).isEqualTo("http://[::1]:9100/sonar");
    config.set(MattermostProperties.WEB_API_URL, "https://sonar.internal/");
    assertThat(ServerUrls.localWebApiUrl(GateSettings.from(config), config)).isEqualTo("https://sonar.internal");
  }

  @Test
  void dropsCredentialsFromUrlsItLogs() {
    assertThat(ServerUrls.withoutCredentials(HttpUrl.get("http://ci:s3cret@127.0.0.1:9000/sonar")))
        .isEqualTo("http://127.0.0.1:9000/sonar").doesNotContain("s3cret");
  }
}
