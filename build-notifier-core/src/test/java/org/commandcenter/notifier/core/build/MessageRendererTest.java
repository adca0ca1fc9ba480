package org.commandcenter.notifier.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.notifier.core.BuildResult.FAILURE;
import static org.commandcenter.notifier.core.BuildResult.SUCCESS;
import static org.commandcenter.notifier.core.BuildResult.UNSTABLE;
import static org.commandcenter.notifier.core.Fixtures.build;
import static org.commandcenter.notifier.core.Fixtures.tests;

import java.util.ArrayList;
import java.util.List;
import org.commandcenter.mattermost.Attachment;
import org.commandcenter.mattermost.Field;
import org.commandcenter.mattermost.Post;
import org.commandcenter.notifier.core.BuildEvent;
import org.commandcenter.notifier.core.BuildFacts;
import org.commandcenter.notifier.core.BuildResult;
import org.commandcenter.notifier.core.Change;
import org.commandcenter.notifier.core.Fixtures;
import org.commandcenter.notifier.core.LogTails;
import org.commandcenter.notifier.core.NotifyConfig;
import org.commandcenter.notifier.core.TestSummary;
import org.junit.jupiter.api.Test;

class MessageRendererTest {
  private static final NotifyConfig CONFIG = NotifyConfig.builder().build();
  private static final String WAR_ROOM = "https://chat.example.com/dev/channels/war-room?join_call=true";

  private static Attachment status(Post post) {
    return post.attachments().get(0);
  }

  @Test
  void failureRootHasRedStatusAttachmentWithExactFields() {
    BuildFacts facts = build(FAILURE, SUCCESS)
        .causes(List.of("Started by user Alice"))
        .changes(List.of(Change.builder().commitId("0123456789abcdef").authorName("Alice").message("Fix it").build()))
        .testSummary(TestSummary.builder().total(125).failed(3).skipped(2).failedTests(List.of("a", "b", "c")).build())
        .build();
    Post root = new MessageRenderer(CONFIG).root(facts, BuildEvent.FAILURE, "builds", WAR_ROOM);

    assertThat(root.channel()).isEqualTo("builds");
    assertThat(root.text()).isNull();
    Attachment attachment = status(root);
    assertThat(attachment.color()).isEqualTo("#A30200");
    assertThat(attachment.fallback()).isEqualTo("app » main #42: Failure");
    assertThat(attachment.title()).isEqualTo("app » main #42");
    assertThat(attachment.titleLink()).isEqualTo(Fixtures.BUILD_URL);
    assertThat(attachment.text()).isEqualTo("**Failure** after 3 min 12 sec");
    assertThat(attachment.fields()).containsExactly(
        Field.of("Status", ":x: Failure", true),
        Field.of("Duration", "3 min 12 sec", true),
        Field.of("Branch", "main", true),
        Field.of("Job", "[app » main](" + Fixtures.JOB_URL + ")", true),
        Field.of("Tests", "3 failed, 2 skipped, 120 passed", true),
        Field.of("Changes", "1 commit by Alice", true),
        Field.of("Cause", "Started by user Alice", false),
        Field.of("War Room", "[Join the War Room](" + WAR_ROOM + ")", false));
  }

  @Test
  void eachEventHasItsLabelAndColour() {
    MessageRenderer renderer = new MessageRenderer(CONFIG);
    assertThat(status(renderer.root(build(null).build(), BuildEvent.STARTED, "b", null)).color()).isEqualTo("#439FE0");
    assertThat(status(renderer.root(build(SUCCESS).build(), BuildEvent.SUCCESS, "b", null)).color()).isEqualTo("#2EB886");
    assertThat(status(renderer.root(build(SUCCESS, FAILURE).build(), BuildEvent.BACK_TO_NORMAL, "b", null)).fields()
        .get(0)).isEqualTo(Field.of("Status", ":white_check_mark: Back to normal", true));
    assertThat(status(renderer.root(build(FAILURE, FAILURE).build(), BuildEvent.REPEATED_FAILURE, "b", null))
        .fields().get(0)).isEqualTo(Field.of("Status", ":x: Still failing", true));
    assertThat(status(renderer.root(build(UNSTABLE).build(), BuildEvent.UNSTABLE, "b", null)).color())
        .isEqualTo("#DAA038");
    assertThat(status(renderer.root(build(BuildResult.ABORTED).build(), BuildEvent.ABORTED, "b", null)).color())
        .isEqualTo("#8C8C8C");
    assertThat(status(renderer.root(build(BuildResult.NOT_BUILT).build(), BuildEvent.NOT_BUILT, "b", null))
        .fields().get(0)).isEqualTo(Field.of("Status", ":fast_forward: Not built", true));
    assertThat(status(renderer.root(build(FAILURE, SUCCESS).build(), BuildEvent.REGRESSION, "b", null)).color())
        .isEqualTo("#A30200");
    assertThat(status(renderer.root(build(UNSTABLE, SUCCESS).build(), BuildEvent.REGRESSION, "b", null)).color())
        .isEqualTo("#DAA038");
  }

  @Test
  void startedRootShowsNoDurationTestsOrChanges() {
    BuildFacts facts = build(null).causes(List.of("Branch indexing"))
        .changes(List.of(Change.builder().authorName("Bob").message("x").build())).build();
    Attachment attachment = status(new MessageRenderer(CONFIG).root(facts, BuildEvent.STARTED, "builds", null));
    assertThat(attachment.text()).isEqualTo("**Started**");
    assertThat(attachment.fields()).extracting(Field::title).containsExactly("Status", "Branch", "Job", "Cause");
    assertThat(new MessageRenderer(CONFIG).details(facts, BuildEvent.STARTED, "builds")).isEmpty();
  }

  @Test
  void regressionLineNamesPreviousResultAndNewFailingTests() {
    BuildFacts facts = build(UNSTABLE, UNSTABLE).testSummary(tests(10, List.of("a", "x", "y"), List.of("a"))).build();
    Attachment attachment = status(new MessageRenderer(CONFIG).root(facts, BuildEvent.REGRESSION, "b", null));
    assertThat(attachment.text()).isEqualTo("**Regression**: Unstable, 2 new failing tests after 3 min 12 sec");

    BuildFacts worse = build(FAILURE, SUCCESS).build();
    assertThat(status(new MessageRenderer(CONFIG).root(worse, BuildEvent.REGRESSION, "b", null)).text())
        .isEqualTo("**Regression**: Failure (was Success) after 3 min 12 sec");
  }

  @Test
  void customMessageIsThePostText() {
    NotifyConfig config = CONFIG.newBuilder().customMessage("Deployed by **ops**").build();
    Post root = new MessageRenderer(config).root(build(SUCCESS).build(), BuildEvent.SUCCESS, "b", null);
    assertThat(root.text()).isEqualTo("Deployed by **ops**");
  }

  @Test
  void usernameAndIconComeFromTheConfiguration() {
    NotifyConfig config = CONFIG.newBuilder().username("jenkins").iconUrl("https://ci.example.com/icon.png").build();
    Post root = new MessageRenderer(config).root(build(SUCCESS).build(), BuildEvent.SUCCESS, "b", null);
    assertThat(root.username()).isEqualTo("jenkins");
    assertThat(root.iconUrl()).isEqualTo("https://ci.example.com/icon.png");
  }

  @Test
  void commitMessagesCannotPingTheChannel() {
    BuildFacts facts = build(FAILURE, SUCCESS)
        .changes(List.of(Change.builder().commitId("abc1234").authorName("@here").message("@channel look [x](http://evil)\nmore").build()))
        .build();
    List<Post> replies = new MessageRenderer(CONFIG).details(facts, BuildEvent.FAILURE, "builds");

    assertThat(replies).hasSize(1);
    String text = replies.get(0).text();
    assertThat(text).startsWith("**Changes**\n- `abc1234` @\u2060channel look \\[x\\]");
    assertThat(text).doesNotContain("@channel").doesNotContain("@here").doesNotContain("more");
    assertThat(text).contains("— @\u2060here");
  }

  @Test
  void branchAndTestNamesAreNeutralized() {
    BuildFacts facts = build(UNSTABLE, SUCCESS).branch("@all-hands")
        .testSummary(tests(5, List.of("@channel test"), List.of())).build();
    MessageRenderer renderer = new MessageRenderer(CONFIG);
    assertThat(status(renderer.root(facts, BuildEvent.UNSTABLE, "b", null)).fields())
        .contains(Field.of("Branch", "@\u2060all-hands", true));
    assertThat(renderer.details(facts, BuildEvent.UNSTABLE, "b").get(0).text())
        .isEqualTo("**Failed tests (1)**\n- @\u2060channel test *(new)*");
  }

  @Test
  void listsOnlyTheFirstFailedTests() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      names.add("com.example.Test" + i);
    }
    BuildFacts facts = build(UNSTABLE).testSummary(TestSummary.builder().total(40).failed(25).failedTests(names).build())
        .build();
    NotifyConfig config = CONFIG.newBuilder().maxFailedTests(3).build();
    String text = new MessageRenderer(config).details(facts, BuildEvent.UNSTABLE, "b").get(0).text();
    assertThat(text).isEqualTo("**Failed tests (25)**\n- com.example.Test0\n- com.example.Test1\n"
        + "- com.example.Test2\n- … and 22 more");
  }

  @Test
  void logTailIsTheLastLinesInAFenceOnFailure() {
    BuildFacts facts = build(FAILURE, SUCCESS).logTail(Fixtures.lines(80)).build();
    NotifyConfig config = CONFIG.newBuilder().logTailLines(3).build();
    List<Post> replies = new MessageRenderer(config).details(facts, BuildEvent.FAILURE, "b");
    assertThat(replies).extracting(Post::text)
        .containsExactly("**Last 3 lines of the log**\n```\nline 78\nline 79\nline 80\n```");
  }

  @Test
  void logTailCannotBreakOutOfItsFence() {
    BuildFacts facts = build(FAILURE).logTail(List.of("```", "@channel", "````")).build();
    String text = new MessageRenderer(CONFIG).details(facts, BuildEvent.FAILURE, "b").get(0).text();
    assertThat(text).isEqualTo("**Last 3 lines of the log**\n`````\n```\n@channel\n````\n`````");
  }

  @Test
  void logTailIsLeftOutForUnstableAndAborted() {
    BuildFacts unstable = build(UNSTABLE).logTail(Fixtures.lines(5)).build();
    assertThat(new MessageRenderer(CONFIG).details(unstable, BuildEvent.UNSTABLE, "b")).isEmpty();
    BuildFacts aborted = build(BuildResult.ABORTED).logTail(Fixtures.lines(5)).build();
    assertThat(new MessageRenderer(CONFIG).details(aborted, BuildEvent.ABORTED, "b")).isEmpty();
  }

  @Test
  void longLogLinesAndHugeTailsAreCut() {
    String longLine = "x".repeat(2000);
    assertThat(LogTails.join(List.of(longLine))).isEqualTo("x".repeat(500) + " …");

    List<String> many = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      many.add(i + " " + "y".repeat(100));
    }
    String tail = LogTails.join(many);
    assertThat(tail.length()).isLessThanOrEqualTo(LogTails.MAX_CHARS + 30);
    assertThat(tail).startsWith("[… earlier lines cut]\n").endsWith("999 " + "y".repeat(100));
  }

  @Test
  void changesAreCappedAndSummarised() {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      changes.add(Change.builder().commitId("c" + i).authorName(i % 2 == 0 ? "Alice" : "Bob")
          .message("Change " + i + "\n\nbody").build());
    }
    BuildFacts facts = build(FAILURE).changes(changes).build();
    NotifyConfig config = CONFIG.newBuilder().maxChanges(2).build();
    MessageRenderer renderer = new MessageRenderer(config);
    assertThat(renderer.details(facts, BuildEvent.FAILURE, "b").get(0).text())
        .isEqualTo("**Changes**\n- `c0` Change 0 — Alice\n- `c1` Change 1 — Bob\n- … and 3 more");
    assertThat(status(renderer.root(facts, BuildEvent.FAILURE, "b", null)).fields())
        .contains(Field.of("Changes", "5 commits by Alice, Bob", true));
  }

  @Test
  void longCommitSummariesAreTruncated() {
    BuildFacts facts = build(FAILURE).changes(List.of(Change.builder().authorName("A").message("m".repeat(500)).build()))
        .build();
    String text = new MessageRenderer(CONFIG).details(facts, BuildEvent.FAILURE, "b").get(0).text();
    assertThat(text).isEqualTo("**Changes**\n- " + "m".repeat(199) + "… — A");
  }

  @Test
  void webhookPostCarriesDetailsAsExtraAttachments() {
    BuildFacts facts = build(FAILURE, SUCCESS).logTail(List.of("boom"))
        .changes(List.of(Change.builder().authorName("Alice").message("Fix").build())).build();
    Post post = new MessageRenderer(CONFIG).single(facts, BuildEvent.FAILURE, "builds", null);
    assertThat(post.attachments()).hasSize(3);
    assertThat(post.attachments().get(1).title()).isEqualTo("Changes");
    assertThat(post.attachments().get(1).text()).isEqualTo("- Fix — Alice");
    assertThat(post.attachments().get(2).title()).isEqualTo("Last 1 line of the log");
    assertThat(post.attachments().get(2).text()).isEqualTo("```\nboom\n```");
    assertThat(post.attachments()).extracting(Attachment::color).containsOnly("#A30200");
  }

  @Test
  void closingReplyLinksTheFixingBuild() {
    Post closing = new MessageRenderer(CONFIG).backToNormal(build(SUCCESS, FAILURE).build(), "builds");
    assertThat(closing.text()).isEqualTo(":white_check_mark: Back to normal in [app » main #42](" + Fixtures.BUILD_URL
        + ") after 3 min 12 sec");
  }

  @Test
  void alertCarriesWarRoomLink() {
    Post alert = new MessageRenderer(CONFIG).alert(build(FAILURE).build(), BuildEvent.FAILURE, "builds", WAR_ROOM);
    assertThat(alert.text()).isEqualTo(":rotating_light: **Main line broken**: [app » main #42](" + Fixtures.BUILD_URL
        + ") (Failure) · [Join the War Room](" + WAR_ROOM + ")");
  }

  @Test
  void culpritsReplyMentionsUsers() {
    assertThat(new MessageRenderer(CONFIG).culprits(List.of("alice", "bob"), "builds").text())
        .isEqualTo(":bust_in_silhouette: Changes in this build by @alice @bob");
  }

  @Test
  void durationsReadLikeJenkins() {
    assertThat(MessageRenderer.formatDuration(java.time.Duration.ofSeconds(45))).isEqualTo("45 sec");
    assertThat(MessageRenderer.formatDuration(java.time.Duration.ofSeconds(3725))).isEqualTo("1 hr 2 min");
    assertThat(MessageRenderer.formatDuration(java.time.Duration.ZERO)).isEqualTo("0 sec");
  }
}
