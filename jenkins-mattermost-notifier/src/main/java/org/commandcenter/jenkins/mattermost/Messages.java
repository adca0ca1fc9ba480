package org.commandcenter.jenkins.mattermost;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * User-facing texts from {@code Messages.properties}, formatted with {@link MessageFormat}.
 * A plain {@link ResourceBundle} because no localizer generator is available at build time.
 */
final class Messages {
  private static final String BUNDLE = "org.commandcenter.jenkins.mattermost.Messages";

  private Messages() {
  }

  static String get(String key, Object... args) {
    String pattern;
    try {
      pattern = ResourceBundle.getBundle(BUNDLE, Locale.getDefault(), Messages.class.getClassLoader())
          .getString(key);
    } catch (MissingResourceException e) {
      throw new IllegalStateException("missing message key " + key, e);
    }
    // Always through MessageFormat, so every pattern escapes quotes the same way ('').
    return new MessageFormat(pattern, Locale.ROOT).format(args);
  }
}
