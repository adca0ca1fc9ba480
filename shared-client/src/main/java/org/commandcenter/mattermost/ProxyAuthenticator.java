package org.commandcenter.mattermost;

import java.net.Proxy;
import okhttp3.Authenticator;
import okhttp3.Credentials;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Answers the proxy's own 407 challenge with Basic credentials, once. OkHttp hands this authenticator every 407,
 * including one an origin sends from inside an HTTPS tunnel; answering that would give the origin the proxy
 * password. So only two challenges are the proxy's: the reply to the tunnel's {@code CONNECT}, and a 407 to a
 * plain-HTTP request sent through the proxy (which then consumes the header, RFC 9110 §11.7.2).
 */
final class ProxyAuthenticator implements Authenticator {
  private final String credentials;

  ProxyAuthenticator(String username, String password) {
    this.credentials = Credentials.basic(username, password);
  }

  @Override
  public Request authenticate(Route route, Response response) {
    Request request = response.request();
    if (request.header("Proxy-Authorization") != null) {
      return null; // Already answered: the credentials are wrong; do not loop.
    }
    boolean tunnel = "CONNECT".equals(request.method());
    boolean plainThroughProxy = route != null && route.proxy().type() == Proxy.Type.HTTP && !request.isHttps();
    if (!tunnel && !plainThroughProxy) {
      return null; // An origin's 407 from inside the TLS tunnel: not the proxy's to answer.
    }
    return request.newBuilder().header("Proxy-Authorization", credentials).build();
  }
}
