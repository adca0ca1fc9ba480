package org.commandcenter.cli.doctor;

/**
 * What to tell an admin when Calls is missing, refuses to enable a channel, or cannot hold a call
 * there; shared by {@code war-room} and {@code doctor} so both say the same.
 */
public final class CallsAdvice {
  /** The error id Mattermost answers for an unknown team name (server/channels/app/team.go GetTeamByName). */
  public static final String TEAM_NOT_FOUND = "app.team.get_by_name.missing.app_error";

  private CallsAdvice() {}

  /**
   * Why a bot got 403 from {@code POST /plugins/com.mattermost.calls/{channelId}} and how to fix it
   * (mattermost-plugin-calls server/api.go permissionToEnableDisableChannel).
   *
   * @param defaultEnabled the plugin's {@code DefaultEnabled}, or null when it could not be read
   */
  public static String forbidden(String channel, Boolean defaultEnabled) {
    if (Boolean.TRUE.equals(defaultEnabled)) {
      return "Calls refused to enable ~" + channel + " (403): with DefaultEnabled=true only a channel admin, team admin "
          + "or system admin may change a channel's Calls setting, and this bot is none of them.";
    }
    return "Calls refused to enable ~" + channel + " (403): Calls is in its default test mode (DefaultEnabled=false), "
        + "where only a system admin may enable Calls in a channel.";
  }

  public static String forbiddenFix(String channel, Boolean defaultEnabled) {
    if (Boolean.TRUE.equals(defaultEnabled)) {
      return "make the bot a channel admin of ~" + channel + " (Manage members > Make channel admin), "
          + "or have an admin run `command-center war-room` / start the call with /call start";
    }
    return "set DefaultEnabled=true (System Console > Plugins > Calls > Test mode: off), "
        + "or have a system admin run `command-center war-room` with their token, or start the call in ~" + channel
        + " with /call start";
  }

  /** The fix for a channel in which Calls is disabled. */
  public static String disabledFix(String team, String channel) {
    return "run `command-center war-room --team " + team + " --channel " + channel + "` with a system admin's token, "
        + "or set DefaultEnabled=true (System Console > Plugins > Calls > Test mode: off), "
        + "or start the call in ~" + channel + " with /call start as a system admin";
  }

  public static String pluginMissingFix() {
    return "enable the Calls plugin (System Console > Plugins > Plugin Management > Calls > Enable); "
        + "it ships with Mattermost, or upload com.mattermost.calls if it was removed";
  }

  /**
   * Calls v1 allows calls outside direct messages only on servers with a Professional licence or
   * better: its client config then says {@code GroupCallsAllowed} (server/enterprise/license.go).
   */
  public static String groupCallsNotAllowed(String channel) {
    return "Calls allows calls only in direct messages on this server (GroupCallsAllowed=false: no Professional or "
        + "Enterprise licence), so no call can start in ~" + channel;
  }

  public static String groupCallsFix() {
    return "upload a Mattermost Professional or Enterprise licence (System Console > About > Edition and License; "
        + "the team-edition image cannot take one: use mattermost-enterprise-edition)";
  }
}
