package org.commandcenter.notifier.core;

/** Channel names as admins type them ("#builds", " builds ") normalized to what Mattermost expects. */
final class Channels {
  private Channels() {}

  static String normalize(String field, String channel) {
    Checks.requireNotBlank(field, channel);
    String name = channel.strip();
    if (name.startsWith("#") || name.startsWith("~")) {
      name = name.substring(1);
    }
    if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
      throw Checks.invalid(field, "must be a channel name or id without spaces");
    }
    return name;
  }
}
