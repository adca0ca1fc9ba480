package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import java.net.InetSocketAddress;
import java.net.Proxy;
import org.commandcenter.mattermost.ProxySettings;
import org.junit.jupiter.api.Test;

/** Jenkins' proxy settings, decided by Jenkins for the one Mattermost host, become the client's proxy settings. */
class JenkinsProxyTest {
  private static final int PROXY_PORT = 3128;

  private ProxyConfiguration jenkinsProxy(String user, String password) {
    ProxyConfiguration proxy = mock(ProxyConfiguration.class);
    when(proxy.getName()).thenReturn("proxy.factory.test");
    when(proxy.getPort()).thenReturn(PROXY_PORT);
    when(proxy.getUserName()).thenReturn(user);
    if (password != null) {
      Secret secret = mock(Secret.class);
      when(secret.getPlainText()).thenReturn(password);
      when(proxy.getSecretPassword()).thenReturn(secret);
    }
    Proxy viaProxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.factory.test", PROXY_PORT));
    when(proxy.createProxy("chat.example.test")).thenReturn(viaProxy);
    when(proxy.createProxy("mattermost_app")).thenReturn(viaProxy);
    when(proxy.createProxy("localhost")).thenReturn(Proxy.NO_PROXY);
    return proxy;
  }

  @Test
  void jenkinsDecidesWhetherTheHostGoesThroughTheProxy() {
    ProxySettings viaProxy = JenkinsProxy.forHost(jenkinsProxy(null, null), "chat.example.test");

    assertThat(viaProxy.host()).isEqualTo("proxy.factory.test");
    assertThat(viaProxy.port()).isEqualTo(PROXY_PORT);
    assertThat(viaProxy.username()).isNull();
    assertThat(JenkinsProxy.forHost(jenkinsProxy(null, null), "localhost")).isNull();
  }

  @Test
  void aDockerStyleHostIsDecidedByJenkinsToo() {
    // OkHttp never asks a ProxySelector about a host java.net.URI cannot parse; the decision is made up front.
    assertThat(JenkinsProxy.forHost(jenkinsProxy(null, null), "mattermost_app")).isNotNull();
  }

  @Test
  void carriesJenkinsProxyCredentials() {
    ProxySettings settings = JenkinsProxy.forHost(jenkinsProxy("ci", "pr0xy-pass"), "chat.example.test");

    assertThat(settings.username()).isEqualTo("ci");
    assertThat(settings.password()).isEqualTo("pr0xy-pass");
    assertThat(settings.toString()).doesNotContain("pr0xy-pass");
  }

  @Test
  void withoutAJenkinsProxyConnectionsAreDirect() {
    assertThat(JenkinsProxy.forHost(null, "chat.example.test")).isNull();
  }
}
