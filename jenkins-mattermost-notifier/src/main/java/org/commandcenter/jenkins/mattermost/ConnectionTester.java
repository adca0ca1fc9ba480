package org.commandcenter.jenkins.mattermost;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commandcenter.mattermost.Channel;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.MattermostException;
import org.commandcenter.mattermost.User;
import org.commandcenter.mattermost.rules.MattermostIds;

/**
 * What "Test connection" checks, without posting anything: the token (who am I), that the default and War Room
 * channels resolve in the team, and whether the Calls plugin answers. One line per check; Jenkins-free.
 */
final class ConnectionTester {
  private ConnectionTester() {
  }

  static List<FieldCheck> test(MattermostClient client, ConnectionSettings settings) {
    List<FieldCheck> lines = new ArrayList<>();
    if (client.isWebhook()) {
      lines.add(FieldCheck.warning(Messages.get("test.webhook")));
      return lines;
    }
    try {
      User me = client.me();
      lines.add(FieldCheck.ok(Messages.get(me.isBot() ? "test.token.bot" : "test.token.user", me.username())));
    } catch (MattermostException e) {
      lines.add(FieldCheck.error(Messages.get("test.token.failed", describe(e))));
      return lines;
    }
    if (settings.team() == null) {
      lines.add(FieldCheck.warning(Messages.get("test.team.missing")));
    } else {
      channel(client, settings.team(), Messages.get("field.defaultChannel"), settings.channel(), lines);
      channel(client, settings.team(), Messages.get("field.warRoomChannel"), settings.warRoomChannel(), lines);
    }
    try {
      Optional<String> calls = client.calls().pluginVersion();
      lines.add(calls.isPresent()
          ? FieldCheck.ok(Messages.get("test.calls.ok", calls.get()))
          : FieldCheck.warning(Messages.get("test.calls.missing")));
    } catch (MattermostException e) {
      lines.add(FieldCheck.warning(Messages.get("test.calls.failed", describe(e))));
    }
    return lines;
  }

  private static void channel(MattermostClient client, String team, String field, String value,
      List<FieldCheck> lines) {
    if (value == null) {
      return;
    }
    for (String name : FormChecks.splitList(value)) {
      // The same spellings the notifier accepts: name, #name, ~name (as Mattermost links show it), or an id.
      String bare = name.startsWith("#") || name.startsWith("~") ? name.substring(1) : name;
      try {
        Channel channel = client.channel(team, bare);
        lines.add(FieldCheck.ok(Messages.get("test.channel.ok", field, bare, channel.displayName())));
      } catch (MattermostException e) {
        if (e.statusCode() == 404 && MattermostIds.isValid(bare)) {
          // Channel ids cannot be looked up by name; the notifier posts to them as ids.
          lines.add(FieldCheck.warning(Messages.get("test.channel.maybeId", field, bare, team)));
        } else {
          lines.add(FieldCheck.error(Messages.get("test.channel.failed", field, bare, team, describe(e))));
        }
      }
    }
  }

  /** The client's messages never contain the token or a webhook key. */
  private static String describe(MattermostException e) {
    return e.statusCode() == 0 ? e.getMessage() : "HTTP " + e.statusCode() + ": " + e.getMessage();
  }
}
