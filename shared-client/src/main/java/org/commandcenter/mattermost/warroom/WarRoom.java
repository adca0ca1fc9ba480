package org.commandcenter.mattermost.warroom;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * The "War Room" link: {@code {siteUrl}/{team}/channels/{channel}?join_call=true}, the form the
 * Calls {@code /call link} command produces; Calls 1.12 and later join the call on click.
 */
public final class WarRoom {
  /** Team and channel names: lowercase letters, digits, '-' and '_' (server/public/model/channel.go, team.go). */
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private WarRoom() {}

  public static String link(String siteUrl, String team, String channel) {
    requireNonNull(siteUrl, "siteUrl == null");
    requireNonNull(team, "team == null");
    requireNonNull(channel, "channel == null");
    if (!(siteUrl.startsWith("http://") || siteUrl.startsWith("https://"))
        || siteUrl.contains("?") || siteUrl.contains("#")) {
      throw new IllegalArgumentException("siteUrl: must be an http:// or https:// site URL");
    }
    if (!NAME.matcher(team).matches()) {
      throw new IllegalArgumentException("team: must be a team name (lowercase letters, digits, '-', '_')");
    }
    if (!NAME.matcher(channel).matches()) {
      throw new IllegalArgumentException("channel: must be a channel name (lowercase letters, digits, '-', '_')");
    }
    String site = siteUrl;
    while (site.endsWith("/")) {
      site = site.substring(0, site.length() - 1);
    }
    return site + "/" + team + "/channels/" + channel + "?join_call=true";
  }
}
