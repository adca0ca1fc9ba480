package org.commandcenter.jenkins.mattermost;

import hudson.ProxyConfiguration;
import hudson.util.Secret;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;

/**
 * Applies Jenkins' own proxy settings ({@code Manage Jenkins → Plugins → Advanced}) to an OkHttp client, with
 * Jenkins' semantics: {@link ProxyConfiguration#createProxy(String)} decides per host, so the no-proxy host
 * patterns behave exactly as for the rest of Jenkins.
 */
final class JenkinsProxy {
  private JenkinsProxy() {
  }

  static OkHttpClient.Builder apply(OkHttpClient.Builder builder, ProxyConfiguration proxy) {
    Objects.requireNonNull(builder, "builder == null");
    if (proxy == null || proxy.getName() == null || proxy.getName().isBlank()) {
      return builder.proxy(Proxy.NO_PROXY);
    }
    builder.proxySelector(new Selector(proxy));
    String user = proxy.getUserName();
    if (user != null && !user.isBlank()) {
      builder.proxyAuthenticator(new BasicProxyAuthenticator(user, proxy.getSecretPassword()));
    }
    return builder;
  }

  /** Asks Jenkins for every host, so no-proxy patterns changed at runtime apply to the next request. */
  static final class Selector extends ProxySelector {
    private final ProxyConfiguration proxy;

    Selector(ProxyConfiguration proxy) {
      this.proxy = proxy;
    }

    @Override
    public List<Proxy> select(URI uri) {
      Proxy chosen = proxy.createProxy(uri.getHost());
      return List.of(chosen == null ? Proxy.NO_PROXY : chosen);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
      // Nothing to remember: Jenkins has a single proxy and OkHttp reports the failure to the caller.
    }
  }

  /** Answers a 407 once with Basic credentials; gives up if the proxy rejects them. */
  static final class BasicProxyAuthenticator implements Authenticator {
    private final String user;
    private final Secret password;

    BasicProxyAuthenticator(String user, Secret password) {
      this.user = user;
      this.password = password;
    }

    @Override
    public okhttp3.Request authenticate(okhttp3.Route route, okhttp3.Response response) {
      if (response.request().header("Proxy-Authorization") != null) {
        return null;
      }
      String plain = password == null ? "" : password.getPlainText();
      return response.request().newBuilder()
          .header("Proxy-Authorization", Credentials.basic(user, plain))
          .build();
    }
  }
}
