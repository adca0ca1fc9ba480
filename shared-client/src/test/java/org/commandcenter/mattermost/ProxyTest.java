package org.commandcenter.mattermost;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.commandcenter.mattermost.tls.CaTrust;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The target host name is never resolved: the proxy (on loopback) receives the absolute URL. */
class ProxyTest {
  private static final String HOOK_URL = "http://mattermost.factory.test/hooks/" + Wire.HOOK_KEY;

  private final MockWebServer proxy = new MockWebServer();
  private final RecordingSleeper sleeper = new RecordingSleeper();
  private HeldCertificate tunnelCa;

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

  @Test
  void aDockerStyleTargetHostStillGoesThroughTheProxy() throws Exception {
    proxy.enqueue(Wire.ok());
    String composeHook = "http://mattermost_app:8065/hooks/" + Wire.HOOK_KEY;
    MattermostClient client = MattermostClient.builder().webhookUrl(composeHook)
        .proxy(settings().build()).retryPolicy(Wire.fastRetries()).sleeper(sleeper).build();

    client.send(Post.builder().text("from the compose network").build());

    assertThat(Wire.take(proxy).getRequestLine()).isEqualTo("POST " + composeHook + " HTTP/1.1");
  }

  @Test
  void givesTheTunnelTheCredentialsAndNeverTheOriginInsideIt() throws Exception {
    serveTunnelTo("chat.factory.test");
    proxy.enqueue(new MockResponse.Builder().inTunnel().build());
    proxy.enqueue(new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"origin\"")
        .build());

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> tunnelledClient().send(Post.builder().text("x").channel(Wire.CHANNEL_ID).build()))
        .isInstanceOfSatisfying(MattermostException.class, e -> assertThat(e.statusCode()).isEqualTo(407));

    // OkHttp authenticates a CONNECT pre-emptively: the proxy gets the credentials on the tunnel request.
    RecordedRequest connect = Wire.take(proxy);
    assertThat(connect.getRequestLine()).startsWith("CONNECT chat.factory.test:443");
    assertThat(connect.getHeaders().get("Proxy-Authorization")).isEqualTo(Credentials.basic("ci", "pr0xyPass"));
    RecordedRequest atTheOrigin = Wire.take(proxy);
    assertThat(atTheOrigin.getRequestLine()).startsWith("POST /api/v4/posts");
    assertThat(atTheOrigin.getHeaders().get("Proxy-Authorization")).isNull();
    // The origin's 407 was not answered: no second request carried the proxy password into the tunnel.
    assertThat(proxy.getRequestCount()).isEqualTo(2);
  }

  @Test
  void aTunnelThatRefusesTheCredentialsIsNotAskedAgain() throws Exception {
    serveTunnelTo("chat.factory.test");
    proxy.enqueue(new MockResponse.Builder().code(407).setHeader("Proxy-Authenticate", "Basic realm=\"squid\"")
        .inTunnel().build());

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> tunnelledClient().send(Post.builder().text("x").channel(Wire.CHANNEL_ID).build()))
        .isInstanceOf(MattermostException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pr0xyPass"));
    assertThat(proxy.getRequestCount()).isEqualTo(1);
  }

  /** The proxy server is also, inside the tunnel, the TLS origin {@code host}. */
  private void serveTunnelTo(String host) {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).ecdsa256().build();
    HeldCertificate origin = new HeldCertificate.Builder().addSubjectAlternativeName(host).signedBy(ca).ecdsa256()
        .build();
    proxy.useHttps(new HandshakeCertificates.Builder().heldCertificate(origin).build().sslSocketFactory());
    tunnelCa = ca;
  }

  private MattermostClient tunnelledClient() {
    return MattermostClient.builder().siteUrl("https://chat.factory.test").token("t0ken-value")
        .trust(CaTrust.fromPem(tunnelCa.certificatePem()).withoutSystemTrust())
        .proxy(settings().username("ci").password("pr0xyPass").build())
        .retryPolicy(Wire.fastRetries().newBuilder().maxAttempts(1).build()).sleeper(sleeper).build();
  }
}
