package org.commandcenter.sonar.mattermost;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the channel of a project's alert. The project's own choice comes from the scanner and can be forged by
 * whoever runs an analysis, so it only ever selects a channel from the administrator's allow-list.
 */
public final class ChannelRouter {

  private ChannelRouter() {
  }

  /**
   * In order: the project's own channel if the administrator allows it; the row of the global project-key mapping
   * that names this exact key, wherever it is in the list; the first matching pattern row, in the list's order; the
   * default channel; else the webhook's own channel. Exact rows come before patterns because a project administrator
   * can rename the project's key (api/projects/update_key) into another pattern, but not into a key that another
   * project has.
   */
  public static ChannelRoute route(GateSettings settings, String projectKey, Map<String, String> scannerContext) {
    Objects.requireNonNull(settings, "settings == null");
    Objects.requireNonNull(projectKey, "projectKey == null");
    Objects.requireNonNull(scannerContext, "scannerContext == null");
    String warning = null;
    String requested = scannerContext.get(MattermostProperties.CONTEXT_CHANNEL);
    if (requested != null && !requested.isBlank()) {
      String channel = normalize(requested);
      if (channel != null && settings.allowedChannels().contains(channel)) {
        return ChannelRoute.to(channel, "project setting");
      }
      warning = "project " + projectKey + " asked for a channel that is not in "
          + MattermostProperties.ALLOWED_CHANNELS + "; ignored";
    }
    ChannelRoute route = projectRow(settings, projectKey)
        .map(row -> ChannelRoute.to(row.channel(),
            (row.isExact() ? "exact key " : "key pattern ") + row.projectKeyPattern()))
        .orElseGet(() -> settings.defaultChannel()
            .map(channel -> ChannelRoute.to(channel, "default channel"))
            .orElseGet(() -> ChannelRoute.to(null, "webhook channel")));
    return warning == null ? route : route.withWarning(warning);
  }

  private static Optional<GateSettings.ProjectRoute> projectRow(GateSettings settings, String projectKey) {
    List<GateSettings.ProjectRoute> rows = settings.projectRoutes();
    Optional<GateSettings.ProjectRoute> exact = rows.stream()
        .filter(row -> row.isExact() && row.matches(projectKey))
        .findFirst();
    return exact.or(() -> rows.stream().filter(row -> !row.isExact() && row.matches(projectKey)).findFirst());
  }

  private static String normalize(String requested) {
    try {
      return GateSettings.channelName(MattermostProperties.PROJECT_CHANNEL, requested.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
