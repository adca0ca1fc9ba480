package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The target host name is never resolved: the proxy (on loopback) receives the absolute URL. */
class ProxyTest {
  private static final String HOOK_URL = "http://mattermost.factory.test/hooks/" + Wire.HOOK_KEY;

  private final MockWebServer proxy = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();

  @BeforeEach
  void start() throws Exception {
    proxy.start();
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  private ProxySettings.Builder settings() {
    return ProxySettings.builder().host(proxy.getHostName()).port(proxy.getPort());
  }

  @Test
  void sendsThroughProxyWithBasicAuthAfterChallenge() throws Exception {
    proxy.enqueue(new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"squid\"").build());
    proxy.enqueue(Wire.ok());
    MattermostClient client = MattermostClient.builder().webhookUrl(HOOK_URL)
        .proxy(settings().username("ci").password("pr0xyPass").build())
        .retryPolicy(Wire.fastRetries()).sleeper(sleeper).build();

    client.send(Post.builder().text("through the proxy").build());

    RecordedRequest challenged = Wire.take(proxy);
    assertThat(challenged.getRequestLine()).isEqualTo("POST " + HOOK_URL + " HTTP/1.1");
    assertThat(challenged.getHeaders().get("Proxy-Authorization")).isNull();
    RecordedRequest authorized = Wire.take(proxy);
    assertThat(authorized.getHeaders().get("Proxy-Authorization")).isEqualTo(Credentials.basic("ci", "pr0xyPass"));
    assertThat(Wire.body(authorized).get("text").getAsString()).isEqualTo("through the proxy");
  }

  @Test
  void wrongProxyCredentialsAreNotRetriedForever() {
    proxy.enqueue(new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"x\"").build());
    proxy.enqueue(new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"x\"").build());
    MattermostClient client = MattermostClient.builder().webhookUrl(HOOK_URL)
        .proxy(settings().username("ci").password("wrongPassw0rd").build())
        .retryPolicy(Wire.fastRetries()).sleeper(sleeper).build();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.send(Post.builder().text("x").build()))
        .isInstanceOfSatisfying(MattermostException.class, e -> {
          assertThat(e.statusCode()).isEqualTo(407);
          assertThat(e.getMessage()).doesNotContain("wrongPassw0rd");
        });
    assertThat(proxy.getRequestCount()).isEqualTo(2);
  }

  @Test
  void noProxyHostsGoDirect() throws Exception {
    try (MockWebServer mattermost = new MockWebServer()) {
      mattermost.start();
      mattermost.enqueue(Wire.ok());
      MattermostClient client = MattermostClient.builder()
          .webhookUrl(mattermost.url("/hooks/" + Wire.HOOK_KEY).toString())
          .proxy(settings().noProxyHosts(List.of(mattermost.getHostName(), "*.internal")).build())
          .retryPolicy(Wire.fastRetries()).sleeper(sleeper).build();

      client.send(Post.builder().text("direct").build());

      assertThat(mattermost.getRequestCount()).isEqualTo(1);
      assertThat(proxy.getRequestCount()).isZero();
    }
  }

  @Test
  void callerSuppliedClientKeepsItsProxy() throws Exception {
    proxy.enqueue(Wire.ok());
    OkHttpClient jenkinsClient = new OkHttpClient.Builder().proxy(proxy.getProxyAddress()).build();
    MattermostClient client = MattermostClient.builder().webhookUrl(HOOK_URL).okHttpClient(jenkinsClient)
        .retryPolicy(Wire.fastRetries()).sleeper(sleeper).build();

    client.send(Post.builder().text("via caller's client").build());

    assertThat(Wire.take(proxy).getRequestLine()).isEqualTo("POST " + HOOK_URL + " HTTP/1.1");
  }
}
