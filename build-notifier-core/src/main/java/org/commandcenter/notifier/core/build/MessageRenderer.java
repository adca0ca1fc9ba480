package org.commandcenter.notifier.core.build;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.commandcenter.mattermost.Attachment;
import org.commandcenter.mattermost.Field;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.text.Mentions;
import org.commandcenter.mattermost.text.SafeText;
import org.commandcenter.notifier.core.BuildEvent;
import org.commandcenter.notifier.core.BuildFacts;
import org.commandcenter.notifier.core.BuildResult;
import org.commandcenter.notifier.core.Change;
import org.commandcenter.notifier.core.LogTails;
import org.commandcenter.notifier.core.MessageTemplate;
import org.commandcenter.notifier.core.NotifyConfig;
import org.commandcenter.notifier.core.PostOwner;
import org.commandcenter.notifier.core.TestSummary;

/**
 * Builds the posts of a build notification. Everything that comes from the build (job and branch names, commit
 * messages, authors, test names, log lines, causes) is untrusted and goes through {@link SafeText}; only the
 * admin's custom message is used as written (its variables were neutralized by {@link MessageTemplate}).
 */
final class MessageRenderer {
  static final int MAX_SUMMARY_LENGTH = 200;
  static final int MAX_TEST_NAME_LENGTH = 300;
  static final int MAX_CAUSES_LENGTH = 1_000;
  private static final Pattern COMMIT_ID = Pattern.compile("[0-9A-Za-z._-]{1,64}");

  private final NotifyConfig config;

  MessageRenderer(NotifyConfig config) {
    this.config = requireNonNull(config, "config == null");
  }

  /** The root post: status attachment and the custom message. */
  Post root(BuildFacts facts, BuildEvent event, String channel, String warRoomLink) {
    Post.Builder post = basePost(channel).addAttachment(statusAttachment(facts, event, channel, warRoomLink));
    if (config.customMessage() != null) {
      post.text(config.customMessage());
    }
    return post.build();
  }

  /** One post for a webhook: the status attachment followed by one attachment per detail section. */
  Post single(BuildFacts facts, BuildEvent event, String channel, String warRoomLink) {
    Post.Builder post = basePost(channel).addAttachment(statusAttachment(facts, event, channel, warRoomLink));
    String color = Status.color(event, facts.result());
    for (Section section : sections(facts, event)) {
      post.addAttachment(
          Attachment.builder()
              .fallback(section.title)
              .color(color)
              .title(section.title)
              .text(section.body)
              .build());
    }
    if (config.customMessage() != null) {
      post.text(config.customMessage());
    }
    return post.build();
  }

  /** Thread replies with the details: changes, failed tests, log tail (each only when there is something). */
  List<Post> details(BuildFacts facts, BuildEvent event, String channel) {
    List<Post> replies = new ArrayList<>();
    for (Section section : sections(facts, event)) {
      replies.add(basePost(channel).text("**" + section.title + "**\n" + section.body).build());
    }
    return replies;
  }

  /** The reply that pings the culprits; replies notify, edits of a root post do not. */
  Post culprits(Collection<String> usernames, String channel) {
    return basePost(channel)
        .text(":bust_in_silhouette: Changes in this build by " + Mentions.of(usernames))
        .build();
  }

  /**
   * A separate urgent root post for a main-line failure whose build root already existed (from "started"):
   * priority can only be set when a post is created.
   */
  Post alert(BuildFacts facts, BuildEvent event, String channel, String warRoomLink) {
    StringBuilder text = new StringBuilder(":rotating_light: **Main line broken**: ").append(buildLink(facts));
    text.append(" (").append(Status.words(event)).append(')');
    if (warRoomLink != null) {
      text.append(" · [Join the War Room](").append(warRoomLink).append(')');
    }
    return basePost(channel).text(text.toString()).build();
  }

  /** The closing reply in the incident thread. */
  Post backToNormal(BuildFacts facts, String channel) {
    return basePost(channel)
        .text(Status.label(BuildEvent.BACK_TO_NORMAL) + " in " + buildLink(facts) + durationSuffix(facts))
        .build();
  }

  /** A reply in the open incident thread when another build fails too. */
  Post stillFailing(BuildFacts facts, BuildEvent event, String channel) {
    return basePost(channel)
        .text(Status.label(event) + " in " + buildLink(facts) + durationSuffix(facts))
        .build();
  }

  /** The alert itself; with ChatOps configured it carries the buttons (the War Room stays a link). */
  Attachment statusAttachment(BuildFacts facts, BuildEvent event, String channel, String warRoomLink) {
    String name = title(facts);
    Attachment.Builder attachment =
        Attachment.builder()
            .fallback(name + ": " + Status.words(event))
            .color(Status.color(event, facts.result()))
            .title(name)
            .titleLink(facts.buildUrl())
            .text(statusLine(facts, event));
    attachment.addField(Field.of("Status", Status.label(event), true));
    if (facts.duration() != null) {
      attachment.addField(Field.of("Duration", formatDuration(facts.duration()), true));
    }
    if (facts.branch() != null) {
      attachment.addField(Field.of("Branch", SafeText.neutralize(facts.branch()), true));
    }
    attachment.addField(Field.of("Job", facts.jobUrl() == null
        ? SafeText.neutralize(facts.jobDisplayName())
        : SafeText.link(facts.jobDisplayName(), facts.jobUrl()), true));
    if (facts.testSummary() != null && !facts.isRunning()) {
      attachment.addField(Field.of("Tests", testLine(facts.testSummary()), true));
    }
    if (!facts.changes().isEmpty() && !facts.isRunning()) {
      attachment.addField(Field.of("Changes", changesLine(facts.changes()), true));
    }
    if (!facts.causes().isEmpty()) {
      attachment.addField(Field.of("Cause", causes(facts.causes()), false));
    }
    if (warRoomLink != null) {
      attachment.addField(Field.of("War Room", "[Join the War Room](" + warRoomLink + ")", false));
    }
    if (config.alertButtons() != null) {
      attachment.actions(config.alertButtons().forEvent(facts, event, channel == null ? "" : channel));
    }
    return attachment.build();
  }

  private String statusLine(BuildFacts facts, BuildEvent event) {
    StringBuilder line = new StringBuilder("**").append(Status.words(event)).append("**");
    BuildResult previous = facts.previousNonAbortedResult();
    if (event == BuildEvent.REGRESSION && facts.result() != null) {
      line.append(": ").append(Status.words(facts.result()));
      if (previous != null && previous != facts.result()) {
        line.append(" (was ").append(Status.words(previous)).append(')');
      }
      TestSummary tests = facts.testSummary();
      if (tests != null) {
        int fresh = tests.newlyFailingTests().size();
        if (fresh > 0) {
          line.append(", ").append(fresh).append(fresh == 1 ? " new failing test" : " new failing tests");
        } else if (tests.previousFailedCount() != null && tests.failed() > tests.previousFailedCount()) {
          line.append(", failing tests ").append(tests.previousFailedCount()).append(" → ").append(tests.failed());
        }
      }
    }
    if (facts.duration() != null) {
      line.append(" after ").append(formatDuration(facts.duration()));
    }
    return line.toString();
  }

  private List<Section> sections(BuildFacts facts, BuildEvent event) {
    List<Section> sections = new ArrayList<>();
    if (facts.isRunning()) {
      return sections;
    }
    if (!facts.changes().isEmpty() && config.maxChanges() > 0) {
      sections.add(new Section("Changes", changes(facts.changes())));
    }
    TestSummary tests = facts.testSummary();
    if (tests != null && !tests.failedTests().isEmpty() && config.maxFailedTests() > 0) {
      sections.add(new Section(failedTestsTitle(tests), failedTests(tests)));
    }
    if (showsLogTail(facts, event) && !facts.logTail().isEmpty() && config.logTailLines() > 0) {
      List<String> lines = facts.logTail();
      int from = Math.max(0, lines.size() - config.logTailLines());
      List<String> shown = lines.subList(from, lines.size());
      sections.add(new Section(
          "Last " + shown.size() + (shown.size() == 1 ? " line" : " lines") + " of the log",
          SafeText.codeBlock(LogTails.join(shown))));
    }
    return sections;
  }

  private static boolean showsLogTail(BuildFacts facts, BuildEvent event) {
    return facts.result() == BuildResult.FAILURE && event.isTrouble();
  }

  private String changes(List<Change> changes) {
    StringBuilder text = new StringBuilder();
    int shown = Math.min(changes.size(), config.maxChanges());
    for (int i = 0; i < shown; i++) {
      Change change = changes.get(i);
      text.append("- ");
      if (change.commitId() != null && COMMIT_ID.matcher(change.commitId()).matches()) {
        String id = change.commitId();
        text.append('`').append(id, 0, Math.min(id.length(), 8)).append("` ");
      }
      String summary = change.summary();
      text.append(summary.isEmpty() ? "(no message)" : SafeText.neutralize(truncate(summary, MAX_SUMMARY_LENGTH)));
      text.append(" — ").append(SafeText.neutralize(authorOf(change)));
      text.append('\n');
    }
    if (changes.size() > shown) {
      text.append("- … and ").append(changes.size() - shown).append(" more\n");
    }
    return text.toString().stripTrailing();
  }

  private static String failedTestsTitle(TestSummary tests) {
    return "Failed tests (" + Math.max(tests.failed(), tests.failedTests().size()) + ")";
  }

  private String failedTests(TestSummary tests) {
    StringBuilder text = new StringBuilder();
    List<String> names = tests.failedTests();
    Set<String> fresh = new LinkedHashSet<>(tests.newlyFailingTests());
    int shown = Math.min(names.size(), config.maxFailedTests());
    for (int i = 0; i < shown; i++) {
      String name = names.get(i);
      text.append("- ").append(SafeText.neutralize(truncate(name, MAX_TEST_NAME_LENGTH)));
      if (fresh.contains(name)) {
        text.append(" *(new)*");
      }
      text.append('\n');
    }
    int more = Math.max(tests.failed(), names.size()) - shown;
    if (more > 0) {
      text.append("- … and ").append(more).append(" more\n");
    }
    return text.toString().stripTrailing();
  }

  private static String testLine(TestSummary tests) {
    StringBuilder line = new StringBuilder();
    line.append(tests.failed()).append(" failed, ");
    if (tests.skipped() > 0) {
      line.append(tests.skipped()).append(" skipped, ");
    }
    line.append(tests.passed()).append(" passed");
    return line.toString();
  }

  private static String changesLine(List<Change> changes) {
    Set<String> authors = new LinkedHashSet<>();
    for (Change change : changes) {
      authors.add(authorOf(change));
    }
    List<String> names = new ArrayList<>(authors);
    String who = String.join(", ", names.subList(0, Math.min(names.size(), 5)));
    if (names.size() > 5) {
      who += " and " + (names.size() - 5) + " more";
    }
    return changes.size() + (changes.size() == 1 ? " commit" : " commits") + " by " + SafeText.neutralize(who);
  }

  private static String authorOf(Change change) {
    if (change.authorName() != null && !change.authorName().isBlank()) {
      return change.authorName().strip();
    }
    return "unknown author";
  }

  private static String causes(List<String> causes) {
    return SafeText.neutralize(truncate(String.join("\n", causes), MAX_CAUSES_LENGTH));
  }

  /** "app » main #42" — neutralized, since multibranch job names come from branch names. */
  static String title(BuildFacts facts) {
    return SafeText.neutralize(facts.jobDisplayName() + " " + facts.buildDisplayName());
  }

  private static String buildLink(BuildFacts facts) {
    String name = facts.jobDisplayName() + " " + facts.buildDisplayName();
    return facts.buildUrl() == null ? SafeText.neutralize(name) : SafeText.link(name, facts.buildUrl());
  }

  private static String durationSuffix(BuildFacts facts) {
    return facts.duration() == null ? "" : " after " + formatDuration(facts.duration());
  }

  /** Like Jenkins' time span strings: "1 hr 5 min", "3 min 12 sec", "45 sec". */
  static String formatDuration(Duration duration) {
    long seconds = duration.getSeconds();
    long hours = seconds / 3600;
    long minutes = (seconds % 3600) / 60;
    long secs = seconds % 60;
    if (hours > 0) {
      return hours + " hr " + minutes + " min";
    }
    if (minutes > 0) {
      return minutes + " min " + secs + " sec";
    }
    return secs + " sec";
  }

  static String truncate(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
  }

  private Post.Builder basePost(String channel) {
    Post.Builder post = Post.builder();
    if (channel != null && !channel.isEmpty()) {
      post.channel(channel);
    }
    if (config.username() != null) {
      post.username(config.username());
    }
    if (config.iconUrl() != null) {
      post.iconUrl(config.iconUrl());
    }
    if (config.iconEmoji() != null) {
      post.iconEmoji(config.iconEmoji());
    }
    if (config.owner() != null) {
      post.prop(PostOwner.PROP, config.owner().stamp());
    }
    return post;
  }

  private static final class Section {
    final String title;
    final String body;

    Section(String title, String body) {
      this.title = title;
      this.body = body;
    }
  }
}
