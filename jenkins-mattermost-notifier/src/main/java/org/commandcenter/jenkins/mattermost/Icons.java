package org.commandcenter.jenkins.mattermost;

import org.commandcenter.mattermost.rules.EmojiNames;
import org.commandcenter.notifier.core.NotifyConfig;

/**
 * The post icon. By default the plugin's own image, served by this Jenkins to anyone ({@link BundledIcon}), so an
 * air-gapped Mattermost never has to reach the internet, nor log in to Jenkins, to show it.
 */
final class Icons {
  /** Path of the bundled icon below Jenkins' root URL. */
  static final String BUNDLED_ICON_PATH = BundledIcon.URL_NAME + "/";

  private Icons() {
  }

  /** The bundled icon's absolute URL, or null when Jenkins' root URL is not configured. */
  static String bundledIconUrl(String rootUrl) {
    if (rootUrl == null || rootUrl.isBlank()) {
      return null;
    }
    return (rootUrl.endsWith("/") ? rootUrl : rootUrl + "/") + BUNDLED_ICON_PATH;
  }

  /** @param icon the configured icon: an image URL, an {@code :emoji:}, or blank for the bundled image */
  static void apply(NotifyConfig.Builder config, String icon, String rootUrl) {
    if (icon == null || icon.isBlank()) {
      config.iconUrl(bundledIconUrl(rootUrl));
    } else if (EmojiNames.isReference(icon.trim())) {
      config.iconEmoji(icon.trim());
    } else {
      config.iconUrl(icon.trim());
    }
  }
}
