package org.commandcenter.jenkins.mattermost;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.commandcenter.mattermost.Channel;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.MattermostException;
import org.commandcenter.mattermost.RetryPolicy;
import org.commandcenter.mattermost.User;
import org.commandcenter.mattermost.rules.MattermostIds;

/**
 * What "Test connection" checks, without posting anything: the token (who am I), that the default and War Room
 * channels resolve in the team, and whether the Calls plugin answers. One line per check; Jenkins-free. It runs on a
 * web request thread, so all checks share one time budget: each request gets what is left, without retries, and
 * checks that no time is left for are reported as not done.
 */
final class ConnectionTester {
  private final MattermostClient client;
  private final long deadlineNanos;
  private final List<FieldCheck> lines = new ArrayList<>();

  private ConnectionTester(MattermostClient client, Duration budget) {
    this.client = client;
    this.deadlineNanos = System.nanoTime() + budget.toNanos();
  }

  static List<FieldCheck> test(MattermostClient client, ConnectionSettings settings, Duration budget) {
    return new ConnectionTester(client, budget).run(settings);
  }

  private List<FieldCheck> run(ConnectionSettings settings) {
    if (client.isWebhook()) {
      lines.add(FieldCheck.warning(Messages.get("test.webhook")));
      return lines;
    }
    try {
      User me = withinBudget().me();
      lines.add(FieldCheck.ok(Messages.get(me.isBot() ? "test.token.bot" : "test.token.user", me.username())));
    } catch (OutOfTime e) {
      return timeUp();
    } catch (MattermostException e) {
      lines.add(FieldCheck.error(Messages.get("test.token.failed", describe(e))));
      return lines;
    }
    try {
      if (settings.team() == null) {
        lines.add(FieldCheck.warning(Messages.get("test.team.missing")));
      } else {
        channel(settings.team(), Messages.get("field.defaultChannel"), settings.channel());
        channel(settings.team(), Messages.get("field.warRoomChannel"), settings.warRoomChannel());
      }
      try {
        Optional<String> calls = withinBudget().calls().pluginVersion();
        lines.add(calls.isPresent()
            ? FieldCheck.ok(Messages.get("test.calls.ok", calls.get()))
            : FieldCheck.warning(Messages.get("test.calls.missing")));
      } catch (MattermostException e) {
        lines.add(FieldCheck.warning(Messages.get("test.calls.failed", describe(e))));
      }
    } catch (OutOfTime e) {
      return timeUp();
    }
    return lines;
  }

  private void channel(String team, String field, String value) {
    if (value == null) {
      return;
    }
    for (String name : FormChecks.splitList(value)) {
      // The same spellings the notifier accepts: name, #name, ~name (as Mattermost links show it), or an id.
      String bare = name.startsWith("#") || name.startsWith("~") ? name.substring(1) : name;
      try {
        Channel channel = withinBudget().channel(team, bare);
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

  /** The client with what is left of the budget as its one attempt's deadline and timeouts. */
  private MattermostClient withinBudget() {
    Duration left = Duration.ofNanos(deadlineNanos - System.nanoTime());
    if (left.toMillis() < 1) {
      throw new OutOfTime();
    }
    return client.newBuilder().retryPolicy(RetryPolicy.noRetries(left)).connectTimeout(left).readTimeout(left)
        .build();
  }

  private List<FieldCheck> timeUp() {
    lines.add(FieldCheck.warning(Messages.get("test.timeUp")));
    return lines;
  }

  /** The client's messages never contain the token or a webhook key. */
  private static String describe(MattermostException e) {
    return e.statusCode() == 0 ? e.getMessage() : "HTTP " + e.statusCode() + ": " + e.getMessage();
  }

  /** The budget is spent; the remaining checks are not done. */
  private static final class OutOfTime extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutOfTime() {
      super(null, null, false, false);
    }
  }
}
