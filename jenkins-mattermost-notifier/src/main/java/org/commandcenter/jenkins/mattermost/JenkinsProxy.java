package org.commandcenter.jenkins.mattermost;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import java.net.Proxy;
import org.commandcenter.mattermost.ProxySettings;

/**
 * Jenkins' own proxy ({@code Manage Jenkins → System → HTTP Proxy Configuration}) for the one Mattermost host a
 * client talks to. Jenkins decides with its no-proxy patterns ({@link ProxyConfiguration#createProxy(String)}, as for
 * the rest of Jenkins); the client's {@link ProxySettings} then routes and answers only the proxy's own challenge.
 */
final class JenkinsProxy {
  private JenkinsProxy() {
  }

  /** The proxy for requests to {@code targetHost}, or null to connect directly. */
  static ProxySettings forHost(ProxyConfiguration proxy, String targetHost) {
    if (proxy == null || proxy.getName() == null || proxy.getName().isBlank()) {
      return null;
    }
    Proxy chosen = proxy.createProxy(targetHost);
    if (chosen == null || chosen.type() != Proxy.Type.HTTP) {
      return null;
    }
    ProxySettings.Builder settings = ProxySettings.builder().host(proxy.getName().trim()).port(proxy.getPort());
    String user = proxy.getUserName();
    if (user != null && !user.isBlank()) {
      Secret password = proxy.getSecretPassword();
      settings.username(user).password(password == null ? "" : password.getPlainText());
    }
    return settings.build();
  }
}
