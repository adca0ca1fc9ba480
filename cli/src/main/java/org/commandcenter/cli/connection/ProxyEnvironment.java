package org.commandcenter.cli.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
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
  public static ProxySettings forTarget(Environment environment, HttpUrl target, Secrets secrets) {
    boolean https = target.isHttps();
    String name = https ? "HTTPS_PROXY" : "HTTP_PROXY";
    String variable = https
        ? environment.first("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")
        : environment.first("http_proxy", "HTTP_PROXY", "ALL_PROXY", "all_proxy");
    if (variable == null) {
      return null;
    }
    secrets.register(variable);
    List<String> noProxy = parseNoProxy(environment.first("NO_PROXY", "no_proxy"));
    if (isExempt(target.host(), noProxy)) {
      return null;
    }
    String withScheme = variable.contains("://") ? variable : "http://" + variable;
    if (!withScheme.regionMatches(true, 0, "http://", 0, "http://".length())) {
      throw CliException.usage(name + ": only http:// proxies are supported (a CONNECT tunnel carries the TLS to Mattermost)");
    }
    // OkHttp's parser, not java.net.URI: proxy host names may carry '_' like any Compose service name.
    HttpUrl proxy = HttpUrl.parse("http://" + withScheme.substring("http://".length()));
    if (proxy == null) {
      throw CliException.usage(name + ": not a proxy URL (expected http://host:port)");
    }
    ProxySettings.Builder settings = ProxySettings.builder()
        .host(proxy.host())
        .port(proxy.port())
        .noProxyHosts(toProxySettingsPatterns(noProxy));
    if (!proxy.username().isEmpty()) {
      settings.username(proxy.username());
      if (!proxy.password().isEmpty()) {
        secrets.register(proxy.password());
        settings.password(proxy.password());
      }
    }
    try {
      return settings.build();
    } catch (IllegalArgumentException e) {
      throw CliException.usage(name + ": " + e.getMessage());
    }
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
