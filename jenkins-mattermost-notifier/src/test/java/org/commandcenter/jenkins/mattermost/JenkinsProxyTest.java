package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Jenkins' proxy settings drive OkHttp: Jenkins decides per host (no-proxy patterns), Basic auth answers a 407. */
class JenkinsProxyTest {
  private final MockWebServer proxyServer = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    proxyServer.start();
  }

  @AfterEach
  void stop() {
    proxyServer.close();
  }

  private ProxyConfiguration jenkinsProxy(String user, String password) {
    ProxyConfiguration proxy = mock(ProxyConfiguration.class);
    when(proxy.getName()).thenReturn("127.0.0.1");
    when(proxy.getPort()).thenReturn(proxyServer.getPort());
    when(proxy.getUserName()).thenReturn(user);
    if (password != null) {
      Secret secret = mock(Secret.class);
      when(secret.getPlainText()).thenReturn(password);
      when(proxy.getSecretPassword()).thenReturn(secret);
    }
    Proxy viaServer = new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxyServer.getPort()));
    when(proxy.createProxy("chat.example.test")).thenReturn(viaServer);
    when(proxy.createProxy("localhost")).thenReturn(Proxy.NO_PROXY);
    return proxy;
  }

  @Test
  void selectorAsksJenkinsForEveryHost() {
    JenkinsProxy.Selector selector = new JenkinsProxy.Selector(jenkinsProxy(null, null));

    assertThat(selector.select(URI.create("https://chat.example.test/api/v4/posts")))
        .singleElement().extracting(Proxy::type).isEqualTo(Proxy.Type.HTTP);
    assertThat(selector.select(URI.create("http://localhost:8065/"))).containsExactly(Proxy.NO_PROXY);
  }

  @Test
  void requestsGoThroughTheProxyWithBasicAuthAfterA407() throws Exception {
    proxyServer.enqueue(new MockResponse.Builder().code(407)
        .addHeader("Proxy-Authenticate", "Basic realm=\"factory\"").build());
    proxyServer.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    OkHttpClient client = JenkinsProxy.apply(new OkHttpClient.Builder(), jenkinsProxy("ci", "pr0xy-pass"))
        .callTimeout(Duration.ofSeconds(10)).build();

    try (Response response = client.newCall(new Request.Builder()
        .url("http://chat.example.test/api/v4/system/ping").build()).execute()) {
      assertThat(response.code()).isEqualTo(200);
    }

    RecordedRequest first = proxyServer.takeRequest();
    RecordedRequest second = proxyServer.takeRequest();
    assertThat(first.getHeaders().get("Proxy-Authorization")).isNull();
    assertThat(second.getHeaders().get("Proxy-Authorization")).isEqualTo(okhttp3.Credentials.basic("ci", "pr0xy-pass"));
    assertThat(second.getRequestLine()).contains("http://chat.example.test/api/v4/system/ping");
  }

  @Test
  void wrongProxyCredentialsAreNotRetriedForever() throws Exception {
    for (int i = 0; i < 3; i++) {
      proxyServer.enqueue(new MockResponse.Builder().code(407)
          .addHeader("Proxy-Authenticate", "Basic realm=\"factory\"").build());
    }
    OkHttpClient client = JenkinsProxy.apply(new OkHttpClient.Builder(), jenkinsProxy("ci", "wrong"))
        .callTimeout(Duration.ofSeconds(10)).build();

    try (Response response = client.newCall(new Request.Builder()
        .url("http://chat.example.test/api/v4/system/ping").build()).execute()) {
      assertThat(response.code()).isEqualTo(407);
    }
    assertThat(proxyServer.getRequestCount()).isEqualTo(2);
  }

  @Test
  void withoutAJenkinsProxyConnectionsAreDirect() {
    OkHttpClient client = JenkinsProxy.apply(new OkHttpClient.Builder(), null).build();
    assertThat(client.proxy()).isEqualTo(Proxy.NO_PROXY);
  }
}
