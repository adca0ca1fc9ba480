package org.commandcenter.cli.doctor;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commandcenter.cli.connection.RawApi;
import org.commandcenter.mattermost.CallsIceConfiguration;
import org.commandcenter.mattermost.Channel;
import org.commandcenter.mattermost.IceServer;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.MattermostException;
import org.commandcenter.mattermost.User;
import org.commandcenter.mattermost.warroom.WarRoom;

/**
 * The checks that need a token: who the token is, the team, the channels, the Calls plugin and the
 * War Room channel. Each adds one result; a failure further up turns the dependent checks into skips.
 */
final class MattermostChecks {
  private static final String CALLS = "plugins/com.mattermost.calls/";
  /** mattermost-plugin-calls plugin.json: the default ICEServersConfigs, stun:stun.global.calls.mattermost.com:3478. */
  static final String PUBLIC_STUN_SERVER = "stun.global.calls.mattermost.com";

  private final MattermostClient client;
  private final RawApi raw;
  private final String siteUrl;
  private final DoctorReport report;

  MattermostChecks(MattermostClient client, RawApi raw, String siteUrl, DoctorReport report) {
    this.client = client;
    this.raw = raw;
    this.siteUrl = siteUrl;
    this.report = report;
  }

  /** The token's user, or null when the token check failed. */
  User token() {
    String title = "Token valid (users/me)";
    try {
      User me = client.me();
      String account = me.isBot() ? "bot account" : "user account; a bot account is recommended for automation";
      report.add(CheckResult.pass("mattermost:token", title, "authenticated as @" + me.username() + " (" + account + ")"));
      return me;
    } catch (MattermostException e) {
      if (e.statusCode() == 401) {
        report.add(CheckResult.fail("mattermost:token", title,
            "token rejected (401" + (e.errorId() == null ? "" : " " + e.errorId()) + "): invalid, expired or revoked",
            "create a bot access token (System Console > Integrations > Bot Accounts > Create New Token) "
                + "and pass it via MATTERMOST_TOKEN or --token-file"));
      } else {
        report.add(CheckResult.fail("mattermost:token", title, describe(e), "check the token and that --url is the Mattermost site"));
      }
      return null;
    }
  }

  boolean team(String team) {
    String id = "mattermost:team";
    String title = "Team " + team + " resolves";
    try {
      RawApi.Answer answer = raw.get("api/v4/teams/name/" + team);
      if (answer.isSuccessful()) {
        String displayName = answer.string("display_name");
        report.add(CheckResult.pass(id, title, (displayName == null ? team : displayName) + " (id " + answer.string("id") + ")"));
        return true;
      }
      if (answer.status() == 404) {
        report.add(CheckResult.fail(id, title, "team '" + team + "' not found",
            "use the team's URL name (the part after the site URL, " + siteUrl + "/<team>/...), not its display name"));
      } else if (answer.status() == 403) {
        report.add(CheckResult.fail(id, title, "the bot is not a member of team '" + team + "' (403)",
            "add the bot to the team (System Console > User Management > Teams > " + team + " > Add Members)"));
      } else {
        report.add(CheckResult.fail(id, title, "HTTP " + answer.status() + (answer.errorId() == null ? "" : " " + answer.errorId()),
            "check the server log" + (answer.requestId() == null ? "" : " for request id " + answer.requestId())));
      }
    } catch (IOException e) {
      report.add(CheckResult.fail(id, title, "no answer: " + e.getClass().getSimpleName(), "check that Mattermost is reachable"));
    }
    return false;
  }

  /** Resolves each channel, adding one result per channel; returns the channel or null. */
  Channel channel(String team, String name, String purpose) {
    String id = "mattermost:channel:" + name;
    String title = "Channel ~" + name + purpose;
    try {
      Channel channel = client.channel(team, name);
      report.add(CheckResult.pass(id, title, typeName(channel.type()) + " channel " + displayName(channel) + " (id " + channel.id() + ")"));
      return channel;
    } catch (MattermostException e) {
      if (e.statusCode() == 404 && CallsAdvice.TEAM_NOT_FOUND.equals(e.errorId())) {
        report.add(CheckResult.fail(id, title, "team '" + team + "' not found",
            "use the team's URL name (the part after the site URL, " + siteUrl + "/<team>/...), not its display name"));
      } else if (e.statusCode() == 404) {
        report.add(CheckResult.fail(id, title, "channel ~" + name + " not found in team " + team,
            "create ~" + name + " in " + team + ", or fix the name (the URL name, e.g. " + siteUrl + "/" + team
                + "/channels/" + name + "); a private channel also needs the bot as a member"));
      } else if (e.statusCode() == 403) {
        report.add(CheckResult.fail(id, title, "the bot may not read ~" + name + " (403)",
            "add the bot to ~" + name + " (channel menu > Add Members)"));
      } else {
        report.add(CheckResult.fail(id, title, describe(e), "check the server log"));
      }
      return null;
    } catch (IllegalArgumentException e) {
      report.add(CheckResult.fail(id, title, e.getMessage(), "give the channel's URL name"));
      return null;
    }
  }

  void channels(String team, List<String> names) {
    for (String name : names) {
      channel(team, name, "");
    }
  }

  boolean callsPlugin() {
    String id = "calls:plugin";
    String title = "Calls plugin present";
    try {
      java.util.Optional<String> version = client.calls().pluginVersion();
      if (version.isPresent()) {
        report.add(CheckResult.pass(id, title, "com.mattermost.calls " + version.get()));
        return true;
      }
      report.add(CheckResult.fail(id, title, "the Calls plugin is not installed or not enabled (404 on /plugins/com.mattermost.calls/version)",
          CallsAdvice.pluginMissingFix()));
    } catch (MattermostException e) {
      report.add(CheckResult.fail(id, title, describe(e), "check the server log"));
    }
    return false;
  }

  void warRoom(String team, String channelName, boolean pluginPresent) {
    String id = "calls:war-room";
    String title = "Calls enabled in ~" + channelName;
    Channel channel = channel(team, channelName, " (War Room)");
    if (channel == null) {
      report.add(CheckResult.skip(id, title, "the War Room channel did not resolve"));
      return;
    }
    if (!pluginPresent) {
      report.add(CheckResult.skip(id, title, "the Calls plugin is missing"));
      return;
    }
    String link = WarRoom.link(siteUrl, team, channel.name());
    try {
      RawApi.Answer state = raw.get(CALLS + channel.id());
      if (state.status() == 403) {
        report.add(CheckResult.fail(id, title, "the bot may not read ~" + channelName + " (403)",
            "add the bot to ~" + channelName));
        return;
      }
      if (!state.isSuccessful()) {
        report.add(CheckResult.fail(id, title, "Calls answered HTTP " + state.status(), "check the Calls plugin's log"));
        return;
      }
      RawApi.Answer config = raw.get(CALLS + "config");
      if (Boolean.FALSE.equals(config.bool("GroupCallsAllowed")) && !"D".equals(channel.type())) {
        report.add(CheckResult.fail(id, title, CallsAdvice.groupCallsNotAllowed(channelName), CallsAdvice.groupCallsFix()));
        return;
      }
      if (Boolean.TRUE.equals(state.bool("enabled"))) {
        report.add(CheckResult.pass(id, title, "War Room link: " + link));
        return;
      }
      String testMode = Boolean.FALSE.equals(config.bool("DefaultEnabled"))
          ? " — Calls is in test mode (DefaultEnabled=false): only a system admin may enable it" : "";
      report.add(CheckResult.fail(id, title, "Calls is disabled in ~" + channelName + testMode,
          CallsAdvice.disabledFix(team, channelName)));
    } catch (IOException e) {
      report.add(CheckResult.fail(id, title, "no answer: " + e.getClass().getSimpleName(), "check that Mattermost is reachable"));
    }
  }

  /**
   * Whether Calls hands out TURN credentials derived from the shared secret: its client config says
   * {@code NeedsTURNCredentials} exactly when TURNStaticAuthSecret is set and ICEServersConfigs has a
   * TURN entry without username/credential (mattermost-plugin-calls server/configuration.go getClientConfig).
   */
  void callsTurnConfig(String turnHost) {
    String id = "calls:turn-config";
    String title = "Calls hands out TURN credentials";
    try {
      RawApi.Answer config = raw.get(CALLS + "config");
      Boolean needsCredentials = config.bool("NeedsTURNCredentials");
      if (!config.isSuccessful() || needsCredentials == null) {
        report.add(CheckResult.skip(id, title, "the Calls config could not be read (HTTP " + config.status() + ")"));
      } else if (needsCredentials) {
        report.add(CheckResult.pass(id, title, "TURNStaticAuthSecret is set and ICEServersConfigs has a TURN entry for generated credentials"));
      } else {
        report.add(CheckResult.fail(id, title,
            "Calls gives clients no TURN credentials: TURNStaticAuthSecret is empty, or ICEServersConfigs has no TURN entry "
                + "without username/credential",
            "in System Console > Plugins > Calls set ICEServersConfigs to [{\"urls\":[\"turn:" + turnHost
                + ":3478?transport=udp\",\"turn:" + turnHost + ":3478?transport=tcp\",\"turns:" + turnHost
                + ":5349\"]}] (no username/credential) and TURNStaticAuthSecret to coturn's static-auth-secret"));
      }
    } catch (IOException e) {
      report.add(CheckResult.fail(id, title, "no answer: " + e.getClass().getSimpleName(), "check that Mattermost is reachable"));
    }
  }

  /**
   * Fails while Calls still hands clients Mattermost's public STUN server, the plugin's default ICEServersConfigs
   * (mattermost-plugin-calls plugin.json), which the server applies until an admin saves another list.
   */
  void callsIceServers(String turnHost) {
    String id = "calls:ice-servers";
    String title = "Calls ICE servers stay on site";
    try {
      CallsIceConfiguration configuration = client.calls().iceConfiguration();
      List<String> urls = new ArrayList<>();
      for (IceServer server : configuration.iceServers()) {
        urls.addAll(server.urls());
      }
      List<String> publicDefault = urls.stream().filter(MattermostChecks::namesPublicStunServer).toList();
      if (!publicDefault.isEmpty()) {
        String host = turnHost != null ? turnHost : "<coturn host>";
        report.add(CheckResult.fail(id, title, "ICEServersConfigs still names " + String.join(", ", publicDefault)
                + ", Mattermost's public STUN server (the Calls default): in an air-gapped site every client waits on a "
                + "host it cannot reach before its call connects, and elsewhere that host learns every client's address",
            "in System Console > Plugins > Calls set ICE Servers Configurations to your coturn only: "
                + "[{\"urls\":[\"stun:" + host + ":3478\"]},{\"urls\":[\"turn:" + host + ":3478?transport=udp\",\"turn:"
                + host + ":3478?transport=tcp\",\"turns:" + host + ":5349?transport=tcp\"]}] "
                + "(deploy/mattermost/calls-settings.json), with TURNStaticAuthSecret set").withFacts(Map.of("urls", urls)));
        return;
      }
      String detail = urls.isEmpty() ? "no STUN server or TURN server with fixed credentials"
          : String.join(", ", urls);
      report.add(CheckResult.pass(id, title, detail + (configuration.needsTurnCredentials()
          ? "; TURN credentials generated per user" : "")).withFacts(Map.of("urls", urls)));
    } catch (MattermostException e) {
      report.add(CheckResult.fail(id, title, describe(e), "check the Calls plugin's log"));
    }
  }

  /**
   * The ICE servers a Calls client joins with ({@link org.commandcenter.mattermost.CallsClient#iceServers()}), or
   * null after reporting why they could not be fetched.
   */
  List<IceServer> callsIssuedIceServers() {
    try {
      return client.calls().iceServers();
    } catch (MattermostException e) {
      String fix = e.statusCode() == 403
          ? "set TURNStaticAuthSecret to coturn's static-auth-secret and give ICEServersConfigs a TURN entry without "
              + "username/credential (System Console > Plugins > Calls)"
          : "check the Calls plugin's log";
      report.add(CheckResult.fail("calls:turn-credentials", "Calls' TURN credentials allocate",
          "Calls handed out no TURN credentials: " + describe(e), fix));
      return null;
    }
  }

  /** stun.global.calls.mattermost.com in any ICE URL (stun:, stuns:, turn:, turns:, with or without port). */
  static boolean namesPublicStunServer(String url) {
    String rest = url.trim().toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+:(//)?", "");
    String host = rest.split("[:?/]", 2)[0];
    return host.equals(PUBLIC_STUN_SERVER) || host.equals(PUBLIC_STUN_SERVER + ".");
  }

  private static String typeName(String type) {
    if ("O".equals(type)) {
      return "open";
    }
    if ("P".equals(type)) {
      return "private";
    }
    return type == null ? "" : type;
  }

  private static String displayName(Channel channel) {
    return channel.displayName() == null || channel.displayName().isEmpty() ? "~" + channel.name() : "\"" + channel.displayName() + "\"";
  }

  private static String describe(MattermostException e) {
    StringBuilder text = new StringBuilder(e.getMessage() == null ? "request failed" : e.getMessage());
    if (e.errorId() != null && !text.toString().contains(e.errorId())) {
      text.append(" (").append(e.errorId()).append(')');
    }
    return text.toString();
  }
}
