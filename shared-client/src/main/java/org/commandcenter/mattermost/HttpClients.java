package org.commandcenter.mattermost;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.HostnameVerifier;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import org.commandcenter.mattermost.tls.CaTrust;

/** Derives the client's {@link OkHttpClient} from the caller's (or a fresh one) and our settings. */
final class HttpClients {
  /** OkHttp's own verifier; we put it back so no caller setting can turn verification off. */
  private static final HostnameVerifier DEFAULT_VERIFIER = new OkHttpClient().hostnameVerifier();

  private HttpClients() {}

  static OkHttpClient build(OkHttpClient base, CaTrust trust, ProxySettings proxy,
      Duration connectTimeout, Duration readTimeout) {
    OkHttpClient.Builder builder = base != null ? base.newBuilder() : new OkHttpClient.Builder();
    if (connectTimeout != null) {
      builder.connectTimeout(connectTimeout);
    }
    if (readTimeout != null) {
      builder.readTimeout(readTimeout).writeTimeout(readTimeout);
    }
    // A redirected POST turns into a GET and loses its body: report it instead of following.
    builder.followRedirects(false).followSslRedirects(false);
    builder.hostnameVerifier(DEFAULT_VERIFIER);
    if (trust != null) {
      builder.sslSocketFactory(trust.socketFactory(), trust.trustManager());
    }
    if (proxy != null) {
      // An explicit proxy on the caller's client would win over a selector; ours must.
      builder.proxy(null).proxySelector(new NoProxyAwareSelector(proxy));
      if (proxy.username() != null && !proxy.username().isEmpty()) {
        builder.proxyAuthenticator(new BasicProxyAuthenticator(proxy));
      }
    }
    return builder.build();
  }

  /** Sends to the proxy except for hosts matching a no-proxy pattern. */
  static final class NoProxyAwareSelector extends ProxySelector {
    private final ProxySettings settings;
    private final Proxy proxy;

    NoProxyAwareSelector(ProxySettings settings) {
      this.settings = settings;
      this.proxy = new Proxy(Proxy.Type.HTTP,
          InetSocketAddress.createUnresolved(settings.host(), settings.port()));
    }

    @Override
    public List<Proxy> select(URI uri) {
      String host = uri.getHost();
      if (host != null && settings.bypasses(host)) {
        return List.of(Proxy.NO_PROXY);
      }
      return List.of(proxy);
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
      // OkHttp reports failed routes itself; nothing to remember here.
    }
  }

  /** Answers a 407 once with basic credentials; a second 407 means they are wrong. */
  static final class BasicProxyAuthenticator implements Authenticator {
    private final String credentials;

    BasicProxyAuthenticator(ProxySettings settings) {
      this.credentials = Credentials.basic(settings.username(),
          settings.password() == null ? "" : settings.password());
    }

    @Override
    public okhttp3.Request authenticate(okhttp3.Route route, okhttp3.Response response) {
      if (response.request().header("Proxy-Authorization") != null) {
        return null;
      }
      return response.request().newBuilder().header("Proxy-Authorization", credentials).build();
    }
  }
}
