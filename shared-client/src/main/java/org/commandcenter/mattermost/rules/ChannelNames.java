package org.commandcenter.mattermost.rules;

import java.util.regex.Pattern;

/**
 * Channel and team names, the URL names ({@code town-square}), not display names.
 * Channels: {@code server/public/model/channel.go} IsValid with {@code utils.go} IsValidChannelIdentifier
 * (validSimpleAlphaNum, ChannelNameMinLength 1) and ChannelNameMaxLength 64. Teams: {@code team.go}
 * IsValidTeamName (isValidAlphaNum: no {@code _} but the {@code __} form, TeamNameMinLength 2, max 64).
 */
public final class ChannelNames {
  public static final int MAX_LENGTH = 64;
  private static final Pattern CHANNEL = Pattern.compile("[a-z0-9]+([a-z\\-_0-9]+|(__)?)[a-z0-9]*");
  private static final Pattern TEAM = Pattern.compile("[a-z0-9]+([a-z\\-0-9]+|(__)?)[a-z0-9]+");

  private ChannelNames() {}

  public static boolean isValidChannel(String name) {
    return name != null && !name.isEmpty() && name.length() <= MAX_LENGTH && CHANNEL.matcher(name).matches();
  }

  public static boolean isValidTeam(String name) {
    return name != null && name.length() >= 2 && name.length() <= MAX_LENGTH && TEAM.matcher(name).matches();
  }

  /**
   * A channel as people type it ({@code "#builds"}, {@code " ~builds "}) without the sigil and spaces. Only the
   * shape is checked here (a name or an id, no inner spaces); the server decides whether it exists.
   *
   * @throws IllegalArgumentException {@code field: ...} when nothing usable is left
   */
  public static String normalize(String field, String channel) {
    if (channel == null || channel.isBlank()) {
      throw Fields.invalid(field, "must not be blank");
    }
    String name = channel.strip();
    if (name.startsWith("#") || name.startsWith("~")) {
      name = name.substring(1);
    }
    if (name.isEmpty() || name.chars().anyMatch(Character::isWhitespace)) {
      throw Fields.invalid(field, "must be a channel name or id without spaces");
    }
    return name;
  }
}
