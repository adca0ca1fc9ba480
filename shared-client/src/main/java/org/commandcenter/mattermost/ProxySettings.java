package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.Authenticator;
import okhttp3.OkHttpClient;

/**
 * An HTTP proxy, optionally with basic authentication and hosts that bypass it. No-proxy patterns
 * are host names ({@code mattermost.corp}), domain suffixes ({@code .corp} or {@code *.corp}),
 * wildcards ({@code 10.0.*}) or {@code *} for every host, compared case-insensitively.
 */
public final class ProxySettings {
  private final String host;
  private final int port;
  private final String username;
  private final String password;
  private final List<String> noProxyHosts;

  private ProxySettings(Builder builder) {
    this.host = builder.host;
    this.port = builder.port;
    this.username = builder.username;
    this.password = builder.password;
    this.noProxyHosts = List.copyOf(builder.noProxyHosts);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  public List<String> noProxyHosts() {
    return noProxyHosts;
  }

  /** Whether requests to {@code targetHost} go direct rather than through the proxy. */
  public boolean bypasses(String targetHost) {
    String hostName = targetHost.toLowerCase(Locale.ROOT);
    for (String pattern : noProxyHosts) {
      if (matches(pattern.toLowerCase(Locale.ROOT), hostName)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matches(String pattern, String hostName) {
    if (pattern.equals("*")) {
      return true;
    }
    if (pattern.startsWith("*.")) {
      String domain = pattern.substring(1);
      return hostName.endsWith(domain) || hostName.equals(pattern.substring(2));
    }
    if (pattern.startsWith(".")) {
      return hostName.endsWith(pattern) || hostName.equals(pattern.substring(1));
    }
    if (pattern.contains("*")) {
      StringBuilder regex = new StringBuilder();
      for (String part : pattern.split("\\*", -1)) {
        if (regex.length() > 0) {
          regex.append(".*");
        }
        regex.append(Pattern.quote(part));
      }
      return hostName.matches(regex.toString());
    }
    return hostName.equals(pattern);
  }

  /**
   * Routes {@code builder}'s requests to {@code targetHost} through this proxy, or direct when a no-proxy pattern
   * matches; with a user, the proxy's own 407 challenges are answered with Basic credentials (see
   * {@link ProxyAuthenticator}). The route is decided here, once, for the one host a client talks to: OkHttp's
   * proxy selector is never asked for host names {@link java.net.URI} cannot parse (Docker-style names with
   * {@code _}), so a selector would send those past the proxy.
   */
  public OkHttpClient.Builder applyTo(OkHttpClient.Builder builder, String targetHost) {
    requireNonNull(builder, "builder == null");
    requireNonNull(targetHost, "targetHost == null");
    if (bypasses(targetHost)) {
      return builder.proxy(Proxy.NO_PROXY).proxyAuthenticator(Authenticator.NONE);
    }
    builder.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(host, port)));
    return builder.proxyAuthenticator(username != null && !username.isEmpty()
        ? new ProxyAuthenticator(username, password == null ? "" : password)
        : Authenticator.NONE);
  }

  /** Leaves out the password. */
  @Override
  public String toString() {
    return "ProxySettings{" + host + ":" + port + (username != null ? ", user=" + username : "")
        + ", noProxyHosts=" + noProxyHosts + "}";
  }

  public static final class Builder {
    private String host;
    private int port = -1;
    private String username;
    private String password;
    private final List<String> noProxyHosts = new ArrayList<>();

    Builder() {}

    Builder(ProxySettings settings) {
      this.host = settings.host;
      this.port = settings.port;
      this.username = settings.username;
      this.password = settings.password;
      this.noProxyHosts.addAll(settings.noProxyHosts);
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    public Builder password(String password) {
      this.password = password;
      return this;
    }

    public Builder noProxyHosts(List<String> noProxyHosts) {
      requireNonNull(noProxyHosts, "noProxyHosts == null");
      this.noProxyHosts.clear();
      for (String pattern : noProxyHosts) {
        requireNonNull(pattern, "noProxyHosts element == null");
        String trimmed = pattern.trim();
        if (!trimmed.isEmpty()) {
          this.noProxyHosts.add(trimmed);
        }
      }
      return this;
    }

    public ProxySettings build() {
      Checks.requireNotBlank("proxy.host", host);
      if (host.contains("/") || host.contains(" ")) {
        throw Checks.invalid("proxy.host", "must be a host name, not a URL");
      }
      if (port < 1 || port > 65535) {
        throw Checks.invalid("proxy.port", "must be between 1 and 65535");
      }
      boolean hasUser = username != null && !username.isEmpty();
      if (!hasUser && password != null && !password.isEmpty()) {
        throw Checks.invalid("proxy.username", "must be set when a proxy password is set");
      }
      if (hasUser && username.contains(":")) {
        throw Checks.invalid("proxy.username", "must not contain ':'");
      }
      return new ProxySettings(this);
    }
  }
}
