package org.commandcenter.cli.connection;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import org.commandcenter.cli.console.CliException;
import org.commandcenter.cli.console.Environment;
import org.commandcenter.cli.console.Secrets;
import org.commandcenter.mattermost.ProxySettings;

/**
 * The proxy the standard variables ask for ({@code HTTPS_PROXY}/{@code https_proxy} for https targets,
 * {@code HTTP_PROXY}/{@code http_proxy} for http ones, {@code NO_PROXY}/{@code no_proxy} exceptions),
 * read the way curl reads them.
 */
public final class ProxyEnvironment {
  private ProxyEnvironment() {}

  /**
   * The proxy for {@code target}, or null when none applies. Credentials in the proxy URL are
   * registered as secrets before anything can print them.
   */
  public static ProxySettings forTarget(Environment environment, URI target, Secrets secrets) {
    boolean https = "https".equalsIgnoreCase(target.getScheme());
    String name = https ? "HTTPS_PROXY" : "HTTP_PROXY";
    String variable = https
        ? environment.first("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")
        : environment.first("http_proxy", "HTTP_PROXY", "ALL_PROXY", "all_proxy");
    if (variable == null) {
      return null;
    }
    secrets.register(variable);
    List<String> noProxy = parseNoProxy(environment.first("NO_PROXY", "no_proxy"));
    if (isExempt(target.getHost(), noProxy)) {
      return null;
    }
    URI proxy;
    try {
      proxy = new URI(variable.contains("://") ? variable : "http://" + variable);
    } catch (URISyntaxException e) {
      throw CliException.usage(name + ": not a proxy URL (expected http://host:port)");
    }
    if (proxy.getHost() == null) {
      throw CliException.usage(name + ": not a proxy URL (expected http://host:port)");
    }
    if (!"http".equalsIgnoreCase(proxy.getScheme())) {
      throw CliException.usage(name + ": only http:// proxies are supported (a CONNECT tunnel carries the TLS to Mattermost)");
    }
    ProxySettings.Builder settings = ProxySettings.builder()
        .host(proxy.getHost())
        .port(proxy.getPort() == -1 ? 80 : proxy.getPort())
        .noProxyHosts(toProxySettingsPatterns(noProxy));
    if (proxy.getRawUserInfo() != null) {
      String[] parts = proxy.getRawUserInfo().split(":", 2);
      settings.username(URLDecoder.decode(parts[0], StandardCharsets.UTF_8));
      if (parts.length > 1) {
        String password = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
        secrets.register(password);
        settings.password(password);
      }
    }
    try {
      return settings.build();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(name + ": " + e.getMessage());
    }
  }

  /** Routes {@code builder}'s requests through {@code proxy} (with basic proxy authentication when it has a user). */
  public static OkHttpClient.Builder apply(OkHttpClient.Builder builder, ProxySettings proxy) {
    if (proxy == null) {
      return builder;
    }
    builder.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.host(), proxy.port())));
    if (proxy.username() != null && !proxy.username().isEmpty()) {
      String credential = Credentials.basic(proxy.username(), proxy.password() == null ? "" : proxy.password());
      builder.proxyAuthenticator((route, response) -> response.request().header("Proxy-Authorization") != null
          ? null
          : response.request().newBuilder().header("Proxy-Authorization", credential).build());
    }
    return builder;
  }

  /** curl's {@code example.com} also covers its subdomains; ProxySettings spells that {@code .example.com}. */
  static List<String> toProxySettingsPatterns(List<String> noProxy) {
    List<String> patterns = new ArrayList<>();
    for (String entry : noProxy) {
      patterns.add(entry);
      if (!entry.startsWith(".") && !entry.contains("*") && !entry.contains(":") && !Character.isDigit(entry.charAt(0))) {
        patterns.add("." + entry);
      }
    }
    return patterns;
  }

  static List<String> parseNoProxy(String value) {
    List<String> entries = new ArrayList<>();
    if (value == null) {
      return entries;
    }
    for (String entry : value.split("[,\\s]+")) {
      if (!entry.isBlank()) {
        entries.add(entry.trim().toLowerCase(Locale.ROOT));
      }
    }
    return entries;
  }

  /** curl semantics: {@code *} matches all, {@code example.com} and {@code .example.com} match the domain and its subdomains. */
  static boolean isExempt(String host, List<String> noProxy) {
    if (host == null) {
      return false;
    }
    String name = host.toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      name = name.substring(1, name.length() - 1);
    }
    for (String entry : noProxy) {
      if (entry.equals("*")) {
        return true;
      }
      String domain = entry.startsWith(".") ? entry.substring(1) : entry;
      int colon = domain.lastIndexOf(':');
      if (colon > 0 && domain.indexOf(':') == colon) {
        domain = domain.substring(0, colon); // host:port entries match the host
      }
      if (name.equals(domain) || name.endsWith("." + domain)) {
        return true;
      }
    }
    return false;
  }
}
