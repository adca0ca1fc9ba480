package org.commandcenter.mattermost.rules;

import java.util.Set;

/**
 * Interactive message actions: {@code server/public/model/integration_action.go} (PostAction.IsValid) and the route a
 * click arrives on, {@code POST /api/v4/posts/{post_id}/actions/{action_id:[A-Za-z0-9]+}}
 * ({@code server/channels/api4/integration_action.go} InitAction). The server stores any id it is given, but an id
 * with anything besides ASCII letters and digits never matches that route: the button shows and every click is a 404.
 */
public final class PostActions {
  /** PostAction.IsValid: the named styles, or a hex colour. */
  public static final Set<String> STYLES = Set.of("default", "primary", "success", "good", "warning", "danger");
  /** PostActionDataSourceUsers and PostActionDataSourceChannels. */
  public static final Set<String> DATA_SOURCES = Set.of("users", "channels");

  private PostActions() {}

  /** True when a click on an action with this id can reach the server: {@code [A-Za-z0-9]+}. */
  public static boolean isClickableId(String id) {
    if (id == null || id.isEmpty()) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (!(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  /** One of {@link #STYLES} or {@code #RRGGBB}. */
  public static boolean isValidStyle(String style) {
    return style != null && (STYLES.contains(style) || Colors.isHex(style));
  }

  /** A plugin path ({@code /plugins/…} or {@code plugins/…}) or an absolute http(s) URL (IsValidHTTPURL). */
  public static boolean isValidIntegrationUrl(String url) {
    return url != null && (url.startsWith("/plugins/") || url.startsWith("plugins/") || HttpUrls.isValid(url));
  }
}
