package org.commandcenter.sonar.mattermost;

import java.util.Locale;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.sonar.api.config.Configuration;
import org.sonar.api.platform.Server;
import org.sonar.api.utils.log.Logger;
import org.sonar.api.utils.log.Loggers;

/** Where this SonarQube server is: its public URL (for links) and a local URL for its own Web API. */
final class ServerUrls {

  static final String SERVER_BASE_URL = "sonar.core.serverBaseURL";
  private static final Logger LOG = Loggers.get(ServerUrls.class);
  private static final String LAST_RESORT = "http://localhost:9000";

  private ServerUrls() {
  }

  /**
   * The server's own {@link Server#getPublicRootUrl()}, which SonarQube also uses in its e-mails: the server base
   * URL setting, else the web server's address. A base URL that is not an http(s) URL would break every link, so
   * it is replaced, with a warning, by the web server's address.
   */
  static String publicRootUrl(Server server, Configuration config) {
    String configured = Optional.ofNullable(server.getPublicRootUrl()).map(String::trim).orElse("");
    if (isHttpUrl(configured)) {
      return stripSlash(configured);
    }
    String fallback = webServerUrl(config);
    LOG.warn("Mattermost: the public root URL '{}' is not an http(s) URL, check {}; links use {}", configured,
        SERVER_BASE_URL, fallback);
    return fallback;
  }

  /** As SonarQube computes its public URL without a base URL: localhost (or the web host), the port, the context. */
  static String webServerUrl(Configuration config) {
    String host = config.get("sonar.web.host").map(String::trim).filter(h -> !h.isEmpty() && !h.equals("0.0.0.0"))
        .orElse("localhost");
    String port = config.get("sonar.web.port").map(String::trim).filter(p -> !p.isEmpty()).orElse("9000");
    String url = "http://" + bracketed(host) + (port.equals("80") ? "" : ":" + port) + context(config);
    return isHttpUrl(url) ? url : LAST_RESORT;
  }

  /** The Compute Engine runs beside the web server: loopback unless the web server listens elsewhere only. */
  static String localWebApiUrl(GateSettings settings, Configuration config) {
    if (settings.webApiUrl().isPresent()) {
      return settings.webApiUrl().get();
    }
    String host = config.get("sonar.web.host").map(String::trim).filter(h -> !h.isEmpty() && !isWildcard(h))
        .orElse("127.0.0.1");
    return "http://" + bracketed(host) + port(config) + context(config);
  }

  /** For log messages: never a user name or password that an administrator put into a URL. */
  static String withoutCredentials(HttpUrl url) {
    return url.newBuilder().username("").password("").build().toString();
  }

  private static boolean isHttpUrl(String url) {
    String lower = url.toLowerCase(Locale.ROOT);
    return (lower.startsWith("http://") || lower.startsWith("https://")) && HttpUrl.parse(url) != null;
  }

  private static String port(Configuration config) {
    return ":" + config.get("sonar.web.port").map(String::trim).filter(p -> !p.isEmpty()).orElse("9000");
  }

  private static String context(Configuration config) {
    String context = config.get("sonar.web.context").map(String::trim).orElse("");
    if (context.isEmpty() || context.equals("/")) {
      return "";
    }
    return stripSlash(context.startsWith("/") ? context : "/" + context);
  }

  private static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }

  private static String bracketed(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
