package org.commandcenter.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.commandcenter.cli.connection.MattermostOptions;
import org.commandcenter.cli.connection.RawApi;
import org.commandcenter.cli.console.CliContext;
import org.commandcenter.cli.console.CliException;
import org.commandcenter.cli.console.ExitCode;
import org.commandcenter.cli.console.Failures;
import org.commandcenter.cli.console.VersionProvider;
import org.commandcenter.cli.doctor.CallsAdvice;
import org.commandcenter.mattermost.Channel;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.MattermostException;
import org.commandcenter.mattermost.RetryPolicy;
import org.commandcenter.mattermost.rules.ChannelNames;
import org.commandcenter.mattermost.warroom.WarRoom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code command-center war-room}: prints the link that opens a Calls call in a channel and, with a bot
 * token, makes sure Calls is enabled there.
 */
@Command(name = "war-room", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
    sortOptions = false, usageHelpAutoWidth = true,
    description = {
        "Print the War Room link of a channel ({site}/{team}/channels/{channel}?join_call=true).",
        "With a bot token, also check the channel exists and enable Mattermost Calls in it."},
    footerHeading = "%nExit codes:%n",
    footer = {
        "  0  link printed (and Calls enabled, when a token was given)",
        "  1  Mattermost could not be reached after the retries",
        "  2  usage error",
        "  3  token rejected, or Calls refused to enable the channel (403: test mode needs a system admin)",
        "  4  team, channel or the Calls plugin not found",
        "  5  TLS failed: run `command-center doctor`"})
public final class WarRoomCommand implements Callable<Integer> {
  /** Channel URL names: server/public/model/channel.go IsValidChannelIdentifier (lowercase, digits, -, _). */
  private static final String PLUGIN = "plugins/com.mattermost.calls/";

  @ParentCommand
  CliContext.Source root;

  @Spec
  CommandSpec spec;

  @Option(names = {"-c", "--channel"}, required = true, paramLabel = "CHANNEL", description = "Channel URL name, e.g. war-room.")
  String channel;

  @Mixin
  MattermostOptions server;

  @Option(names = "--no-enable", description = "Only print the link, even with a token.")
  boolean noEnable;

  @Option(names = "--json", description = "Print link, channel id and Calls state as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    CliContext context = root.context();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String site = server.siteUrl(context);
    String team = server.team(context);
    if (team == null) {
      throw CliException.usage("--team (or MATTERMOST_TEAM) is required: the team's URL name, e.g. factory");
    }
    String token = server.tokenOrNull(context, err);
    Result result = new Result();
    result.team = team;
    result.channel = channel;

    if (token == null) {
      requireChannelName();
      result.link = link(site, team, channel);
      print(out, result);
      if (!noEnable) {
        err.println("note: no bot token (MATTERMOST_TOKEN or --token-file): the channel was not checked "
            + "and Calls was not enabled in it");
      }
      return ExitCode.OK;
    }

    MattermostClient client = server.client(context, err,
        RetryPolicy.defaults().newBuilder().maxAttempts(3).deadline(Duration.ofSeconds(30)).build());
    Channel resolved;
    try {
      resolved = client.channel(team, channel);
    } catch (MattermostException e) {
      if (e.statusCode() == 404 && CallsAdvice.TEAM_NOT_FOUND.equals(e.errorId())) {
        return fail(out, err, result, ExitCode.NOT_FOUND, "team '" + team + "' not found (use the team's URL name, "
            + "as in " + site + "/<team>/channels/...)");
      }
      if (e.statusCode() == 404) {
        return fail(out, err, result, ExitCode.NOT_FOUND, "channel ~" + channel + " not found in team " + team
            + " (use the channel's URL name; private channels need the bot as a member)");
      }
      return fail(out, err, result, Failures.exitCode(e), Failures.describe(e));
    }
    result.channel = resolved.name();
    result.channelId = resolved.id();
    result.link = link(site, team, resolved.name());
    if (noEnable) {
      print(out, result);
      return ExitCode.OK;
    }

    RawApi raw = server.rawApi(context, token);
    RawApi.Answer state = raw.get(PLUGIN + resolved.id());
    if (state.status() == 404) {
      return fail(out, err, result, ExitCode.NOT_FOUND,
          "the Calls plugin is not installed or not enabled on " + site + "; fix: " + CallsAdvice.pluginMissingFix());
    }
    if (state.isSuccessful() && Boolean.TRUE.equals(state.bool("enabled"))) {
      result.callsEnabled = true;
      checkGroupCalls(raw, resolved, err, result);
      print(out, result);
      if (!json) {
        err.println("Calls is already enabled in ~" + resolved.name());
      }
      return ExitCode.OK;
    }
    try {
      client.calls().enable(resolved.id());
    } catch (MattermostException e) {
      if (e.statusCode() == 403) {
        Boolean defaultEnabled = raw.get(PLUGIN + "config").bool("DefaultEnabled");
        result.callsEnabled = false;
        return fail(out, err, result, ExitCode.AUTH, CallsAdvice.forbidden(resolved.name(), defaultEnabled)
            + System.lineSeparator() + "fix: " + CallsAdvice.forbiddenFix(resolved.name(), defaultEnabled));
      }
      if (e.statusCode() == 404) {
        return fail(out, err, result, ExitCode.NOT_FOUND,
            "the Calls plugin is not installed or not enabled; fix: " + CallsAdvice.pluginMissingFix());
      }
      return fail(out, err, result, Failures.exitCode(e), Failures.describe(e));
    }
    result.callsEnabled = true;
    checkGroupCalls(raw, resolved, err, result);
    print(out, result);
    if (!json) {
      err.println("Calls enabled in ~" + resolved.name());
    }
    return ExitCode.OK;
  }

  /** An unlicensed server holds calls in direct messages only: the link would open no call. */
  private static void checkGroupCalls(RawApi raw, Channel channel, PrintWriter err, Result result) throws IOException {
    result.groupCallsAllowed = raw.get(PLUGIN + "config").bool("GroupCallsAllowed");
    if (Boolean.FALSE.equals(result.groupCallsAllowed) && !"D".equals(channel.type())) {
      err.println("warning: " + CallsAdvice.groupCallsNotAllowed(channel.name()) + System.lineSeparator()
          + "fix: " + CallsAdvice.groupCallsFix());
    }
  }

  private void requireChannelName() {
    if (!ChannelNames.isValidChannel(channel)) {
      throw CliException.usage("--channel '" + channel + "': use the channel's URL name "
          + "(lowercase letters, digits, '-' and '_', as in .../channels/war-room), not its display name");
    }
  }

  private static String link(String site, String team, String channel) {
    try {
      return WarRoom.link(site, team, channel);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(SendCommand.flagMessage(e.getMessage()));
    }
  }

  /** On failure the link is still printed when known (it is valid even if Calls could not be enabled). */
  private int fail(PrintWriter out, PrintWriter err, Result result, int exitCode, String message) {
    result.error = message;
    if (json || result.link != null) {
      print(out, result);
    }
    err.println("error: " + message);
    return exitCode;
  }

  private void print(PrintWriter out, Result result) {
    if (json) {
      JsonObject object = new JsonObject();
      object.addProperty("link", result.link);
      object.addProperty("team", result.team);
      object.addProperty("channel", result.channel);
      object.addProperty("channel_id", result.channelId);
      object.addProperty("calls_enabled", result.callsEnabled);
      object.addProperty("group_calls_allowed", result.groupCallsAllowed);
      object.addProperty("error", result.error);
      out.println(new GsonBuilder().serializeNulls().disableHtmlEscaping().create().toJson(object));
    } else if (result.link != null) {
      out.println(result.link);
    }
    out.flush();
  }

  private static final class Result {
    String link;
    String team;
    String channel;
    String channelId;
    Boolean callsEnabled;
    Boolean groupCallsAllowed;
    String error;
  }
}
