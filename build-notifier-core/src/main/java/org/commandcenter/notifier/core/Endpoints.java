package org.commandcenter.notifier.core;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The old plugin's {@code endpoint} is an incoming-webhook URL; ours may also be a site URL (used with the
 * configured bot token). Messages never repeat the URL: its last path segment is a secret.
 */
public final class Endpoints {
  private Endpoints() {}

  /** True for {@code http(s)://host[/prefix]/hooks/<key>}. */
  public static boolean isWebhookUrl(String endpoint) {
    if (endpoint == null || !Checks.isHttpUrl(endpoint.strip())) {
      return false;
    }
    try {
      String path = new URI(endpoint.strip()).getPath();
      if (path == null) {
        return false;
      }
      String[] segments = path.split("/");
      int last = segments.length - 1;
      return last >= 1 && segments[last - 1].equals("hooks") && !segments[last].isBlank();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /**
   * Checks an endpoint: an absolute http(s) URL.
   *
   * @throws IllegalArgumentException {@code endpoint: ...}, without echoing the URL
   */
  public static String validate(String endpoint) {
    Checks.requireNotBlank("endpoint", endpoint);
    String trimmed = endpoint.strip();
    if (!Checks.isHttpUrl(trimmed)) {
      throw Checks.invalid("endpoint", "must be an absolute http:// or https:// URL "
          + "(an incoming-webhook URL …/hooks/<key>, or the Mattermost site URL)");
    }
    return trimmed;
  }
}
