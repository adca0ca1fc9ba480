package org.commandcenter.sonar.mattermost;

import java.util.Optional;
import org.sonar.api.config.Configuration;

/** Where this SonarQube server is: its public URL (for links) and a local URL for its own Web API. */
final class ServerUrls {

  static final String SERVER_BASE_URL = "sonar.core.serverBaseURL";

  private ServerUrls() {
  }

  /** As SonarQube's own {@code Server.getPublicRootUrl()}: the server base URL setting, else the web address. */
  static String publicRootUrl(Configuration config) {
    Optional<String> configured = config.get(SERVER_BASE_URL).map(String::trim).filter(v -> !v.isEmpty());
    if (configured.isPresent()) {
      return stripSlash(configured.get());
    }
    String host = config.get("sonar.web.host").map(String::trim).filter(h -> !h.isEmpty() && !isWildcard(h))
        .orElse("localhost");
    return "http://" + bracketed(host) + port(config) + context(config);
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
