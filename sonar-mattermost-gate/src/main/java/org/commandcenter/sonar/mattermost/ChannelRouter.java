package org.commandcenter.sonar.mattermost;

import java.util.Map;
import java.util.Objects;

/**
 * Chooses the channel of a project's alert. The project's own choice comes from the scanner and can be forged by
 * whoever runs an analysis, so it only ever selects a channel from the administrator's allow-list.
 */
public final class ChannelRouter {

  private ChannelRouter() {
  }

  /**
   * In order: the project's own channel if the administrator allows it, the first matching row of the global
   * project-key mapping, the default channel, else the webhook's own channel.
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
    ChannelRoute route = null;
    for (GateSettings.ProjectRoute projectRoute : settings.projectRoutes()) {
      if (projectRoute.matches(projectKey)) {
        route = ChannelRoute.to(projectRoute.channel(), "mapping " + projectRoute.projectKeyPattern());
        break;
      }
    }
    if (route == null) {
      route = settings.defaultChannel()
          .map(channel -> ChannelRoute.to(channel, "default channel"))
          .orElseGet(() -> ChannelRoute.to(null, "webhook channel"));
    }
    return warning == null ? route : route.withWarning(warning);
  }

  private static String normalize(String requested) {
    try {
      return GateSettings.channelName(MattermostProperties.PROJECT_CHANNEL, requested.trim());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
