package org.commandcenter.cli;

/** What to tell an admin when Calls refuses to enable a channel; shared by {@code war-room} and {@code doctor}. */
final class CallsAdvice {
  private CallsAdvice() {}

  /**
   * Why a bot got 403 from {@code POST /plugins/com.mattermost.calls/{channelId}} and how to fix it
   * (mattermost-plugin-calls server/api.go permissionToEnableDisableChannel).
   *
   * @param defaultEnabled the plugin's {@code DefaultEnabled}, or null when it could not be read
   */
  static String forbidden(String channel, Boolean defaultEnabled) {
    if (Boolean.TRUE.equals(defaultEnabled)) {
      return "Calls refused to enable ~" + channel + " (403): with DefaultEnabled=true only a channel admin, team admin "
          + "or system admin may change a channel's Calls setting, and this bot is none of them.";
    }
    return "Calls refused to enable ~" + channel + " (403): Calls is in its default test mode (DefaultEnabled=false), "
        + "where only a system admin may enable Calls in a channel.";
  }

  static String forbiddenFix(String channel, Boolean defaultEnabled) {
    if (Boolean.TRUE.equals(defaultEnabled)) {
      return "make the bot a channel admin of ~" + channel + " (Manage members > Make channel admin), "
          + "or have an admin run `command-center war-room` / start the call with /call start";
    }
    return "set DefaultEnabled=true (System Console > Plugins > Calls > Test mode: off), "
        + "or have a system admin run `command-center war-room` with their token, or start the call in ~" + channel
        + " with /call start";
  }

  static String disabledFix(String channel) {
    return "enable Calls in ~" + channel + ": run `command-center war-room --channel " + channel
        + "` with a token allowed to (a system admin while Calls is in test mode), "
        + "or use the channel menu > Enable calls, or set DefaultEnabled=true";
  }

  static String pluginMissingFix() {
    return "enable the Calls plugin (System Console > Plugins > Plugin Management > Calls > Enable); "
        + "it ships with Mattermost, or upload com.mattermost.calls if it was removed";
  }
}
