package org.commandcenter.mattermost;

import java.time.Duration;
import javax.net.ssl.HostnameVerifier;
import okhttp3.OkHttpClient;
import org.commandcenter.mattermost.tls.CaTrust;

/** Derives the client's {@link OkHttpClient} from the caller's (or a fresh one) and our settings. */
final class HttpClients {
  /** OkHttp's own verifier; we put it back so no caller setting can turn verification off. */
  private static final HostnameVerifier DEFAULT_VERIFIER = new OkHttpClient().hostnameVerifier();

  private HttpClients() {}

  /**
   * @param targetHost the one host this client talks to (the site's), for which the proxy route is decided
   */
  static OkHttpClient build(OkHttpClient base, CaTrust trust, ProxySettings proxy,
      Duration connectTimeout, Duration readTimeout, String targetHost) {
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
      // An explicit proxy on the caller's client would win over ours otherwise.
      proxy.applyTo(builder, targetHost);
    }
    return builder.build();
  }
}
