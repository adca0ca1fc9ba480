package org.commandcenter.notifier.core.chatops;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.commandcenter.mattermost.rules.Usernames;
import org.commandcenter.mattermost.rules.WebhookUrls;
import org.commandcenter.mattermost.text.Mentions;
import org.commandcenter.mattermost.text.SafeText;
import org.commandcenter.notifier.core.BuildResult;
import org.commandcenter.notifier.core.BuildStatus;
import org.commandcenter.notifier.core.JobPermission;
import org.commandcenter.notifier.core.LogTails;

/**
 * The words of every ChatOps answer. Everything from Jenkins or from the person typing (job names, parameter names,
 * port messages, log lines) goes through {@link SafeText}, so it reads as written and pings nobody; people are named
 * only through {@link Mentions}.
 */
final class Texts {
  private Texts() {}

  static String job(String fullName) {
    return "**" + SafeText.neutralize(fullName) + "**";
  }

  static String build(String fullName, int number) {
    return job(fullName) + " #" + number;
  }

  static String build(BuildStatus status) {
    String name = SafeText.neutralize(status.job()) + " #" + status.number();
    return status.url() == null ? "**" + name + "**" : SafeText.link(status.job() + " #" + status.number(), status.url());
  }

  /** {@code @alice}; a name Mattermost would not notify as a person is written inert. */
  static String who(String username) {
    return Usernames.isMentionable(username) ? Mentions.of(List.of(username)) : SafeText.neutralize("@" + username);
  }

  static String plain(String untrusted) {
    return SafeText.neutralize(untrusted).replace("\n", " ");
  }

  static String ago(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    if (seconds < 60) {
      return "just now";
    }
    if (seconds < 3600) {
      return (seconds / 60) + " min ago";
    }
    if (seconds < 86_400) {
      return (seconds / 3600) + " h ago";
    }
    return (seconds / 86_400) + " days ago";
  }

  static String seconds(Duration duration) {
    return Math.max(1, (duration.toMillis() + 999) / 1000) + " s";
  }

  static String missing(JobPermission needed, Set<JobPermission> has, String fullName, String doing) {
    Set<JobPermission> held = has.isEmpty() ? EnumSet.noneOf(JobPermission.class) : EnumSet.copyOf(has);
    String have = held.isEmpty() ? "none" : held.stream().map(JobPermission::displayName)
        .collect(Collectors.joining(", "));
    return ":no_entry: You need the **" + needed.displayName() + "** permission on " + job(fullName) + " to " + doing
        + " (you have: " + have + "). Nothing was done. Ask a Jenkins administrator if you should have it.";
  }

  static String noSuchJob(String fullName, Collection<String> nearMisses) {
    StringBuilder text = new StringBuilder(":mag: No job " + job(fullName) + " that you can see in Jenkins.");
    if (!nearMisses.isEmpty()) {
      text.append(" Did you mean ").append(nearMisses.stream().map(Texts::job).collect(Collectors.joining(", ")))
          .append('?');
    }
    text.append(" Job names are full names with folders, e.g. team/app/main, and case matters.");
    return text.toString();
  }

  static String status(BuildStatus status) {
    String state = status.isRunning() ? ":arrow_forward: running" : result(status.result());
    StringBuilder line = new StringBuilder(build(status)).append(": ").append(state);
    if (status.duration() != null) {
      line.append(" after ").append(duration(status.duration()));
    }
    return line.toString();
  }

  static String result(BuildResult result) {
    switch (result) {
      case SUCCESS:
        return ":white_check_mark: success";
      case UNSTABLE:
        return ":warning: unstable";
      case FAILURE:
        return ":x: failed";
      case ABORTED:
        return ":no_entry_sign: aborted";
      default:
        return ":fast_forward: not built";
    }
  }

  static String duration(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds >= 3600) {
      return (seconds / 3600) + " hr " + (seconds % 3600) / 60 + " min";
    }
    if (seconds >= 60) {
      return (seconds / 60) + " min " + seconds % 60 + " sec";
    }
    return seconds + " sec";
  }

  /** Log lines as anyone may see them: the admin's redaction, then webhook keys and command hook ids masked. */
  static List<String> redacted(List<String> lines, UnaryOperator<String> redactor) {
    return lines.stream().map(line -> WebhookUrls.redact(redactor.apply(line))).toList();
  }

  /** A log tail in a code block, where mentions and Markdown are inert. */
  static String logTail(String fullName, int number, List<String> lines) {
    String title = "**Last " + lines.size() + (lines.size() == 1 ? " line" : " lines") + " of "
        + SafeText.neutralize(fullName) + " #" + number + "** (only you can see this)";
    return lines.isEmpty() ? title + "\n_The log is empty._" : title + "\n" + SafeText.codeBlock(LogTails.join(lines));
  }

  static String parameterNames(Collection<String> names) {
    return names.isEmpty() ? "" : " with " + SafeText.neutralize(String.join(", ", names));
  }

  static String help(String trigger) {
    String t = "/" + trigger;
    return "**" + t + "** runs Jenkins from here, as you: your own Jenkins permissions apply.\n"
        + "- `" + t + " build <job> [NAME=value …]` starts a build, e.g. `" + t
        + " build team/app/main VERSION=\"1.2 rc\"`\n"
        + "- `" + t + " status [job]` shows a job's last build, or what is failing or running\n"
        + "- `" + t + " log <job> [#n]` shows the last lines of a build's log, only to you\n"
        + "- `" + t + " abort <job> [#n]` stops a build (the last one by default)\n"
        + "- `" + t + " help` shows this\n"
        + "Jobs are named in full with their folders (team/app/main); case matters.";
  }
}
