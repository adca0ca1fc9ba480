package org.commandcenter.notifier.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad input gets an error that names the field. */
class ValidationTest {
  @Test
  void buildFactsNameTheirFields() {
    assertThatThrownBy(() -> BuildFacts.builder().buildNumber(1).build()).hasMessage("jobName: must not be blank");
    assertThatThrownBy(() -> BuildFacts.builder().jobName("a").build()).hasMessage("buildNumber: must be >= 1");
    assertThatThrownBy(() -> BuildFacts.builder().jobName("a").buildNumber(1).buildUrl("ci/job/a/1").build())
        .hasMessage("buildUrl: must be an absolute http:// or https:// URL");
    assertThatThrownBy(() -> BuildFacts.builder().jobName("a").buildNumber(1).duration(Duration.ofSeconds(-1))
        .build()).hasMessage("duration: must not be negative");
  }

  @Test
  void buildFactsDefaultDisplayNames() {
    BuildFacts facts = BuildFacts.builder().jobName("team/app").buildNumber(7).build();
    assertThat(facts.jobDisplayName()).isEqualTo("team/app");
    assertThat(facts.buildDisplayName()).isEqualTo("#7");
    assertThat(facts.isRunning()).isTrue();
  }

  @Test
  void historyIsCappedAtItsDepth() {
    List<BuildResult> many = java.util.Collections.nCopies(50, BuildResult.ABORTED);
    BuildFacts facts = BuildFacts.builder().jobName("a").buildNumber(1).previousResults(many).build();
    assertThat(facts.previousResults()).hasSize(BuildFacts.HISTORY_DEPTH);
    assertThat(facts.previousNonAbortedResult()).isNull();
  }

  @Test
  void mainLineComesFromTheAdapterOrTheBranchName() {
    NotifyConfig config = NotifyConfig.builder().mainBranches(List.of("main", "release")).build();
    BuildFacts.Builder facts = BuildFacts.builder().jobName("a").buildNumber(1);
    assertThat(facts.build().isMainLine(config)).as("no branch: freestyle").isTrue();
    assertThat(facts.branch("origin/release").build().isMainLine(config)).isTrue();
    assertThat(facts.branch("refs/heads/main").build().isMainLine(config)).isTrue();
    assertThat(facts.branch("feature/x").build().isMainLine(config)).isFalse();
    assertThat(facts.branch("feature/x").mainLine(true).build().isMainLine(config)).isTrue();
  }

  @Test
  void testSummaryCountsMustAddUp() {
    assertThatThrownBy(() -> TestSummary.builder().total(1).failed(2).build())
        .hasMessage("total: must be at least failed + skipped (2)");
    assertThatThrownBy(() -> TestSummary.builder().failed(-1).build()).hasMessage("failed: must be >= 0");
  }

  @Test
  void notifyConfigNamesItsFields() {
    assertThatThrownBy(() -> NotifyConfig.builder().maxFailedTests(-1).build())
        .hasMessage("maxFailedTests: must be between 0 and 200");
    assertThatThrownBy(() -> NotifyConfig.builder().logTailLines(5000).build())
        .hasMessage("logTailLines: must be between 0 and 1000");
    assertThatThrownBy(() -> NotifyConfig.builder().channels(List.of("builds", " ")).build())
        .hasMessage("channels[1]: must not be blank");
    assertThatThrownBy(() -> NotifyConfig.builder().channel("my builds").build())
        .hasMessage("channels[0]: must be a channel name or id without spaces");
    assertThatThrownBy(() -> NotifyConfig.builder().iconUrl("icon.png").build())
        .hasMessage("iconUrl: must be an absolute http:// or https:// URL");
    assertThatThrownBy(() -> NotifyConfig.builder().deadline(Duration.ZERO).build())
        .hasMessage("deadline: must be positive");
  }

  @Test
  void channelsAreNormalizedAndDeduplicated() {
    NotifyConfig config = NotifyConfig.builder().channels(List.of("#builds", " builds ", "~alerts")).build();
    assertThat(config.channels()).containsExactly("builds", "alerts");
  }

  @Test
  void warRoomNeedsTeamAndChannel() {
    assertThatThrownBy(() -> WarRoomConfig.builder().team("dev").build())
        .hasMessage("warRoom.channel: must not be blank");
    assertThatThrownBy(() -> WarRoomConfig.builder().channel("war-room").build())
        .hasMessage("warRoom.team: must not be blank");
    assertThat(WarRoomConfig.builder().team("dev").channel("#war-room").build().channel()).isEqualTo("war-room");
  }

  @Test
  void sendRequestNamesTheStepParameter() {
    assertThatThrownBy(() -> SendRequest.builder().build())
        .hasMessage("message: must not be blank (or give text, attachments or files)");
    assertThatThrownBy(() -> SendRequest.builder().message("m").color("red").build())
        .hasMessage("color: must be good, warning, danger or a hex colour like #FF0000");
    assertThatThrownBy(() -> SendRequest.builder().message("m").threadId("123").build())
        .hasMessage("threadId: must be a 26-character Mattermost post id");
    assertThatThrownBy(() -> SendRequest.builder().message("m").threadId("abcdefghijklmnopqrstuvwxyz")
        .updatePostId("abcdefghijklmnopqrstuvwxyz").build())
        .hasMessageStartingWith("updatePostId: cannot be combined with threadId");
    assertThatThrownBy(() -> SendRequest.builder().message("m").priority("high").build())
        .hasMessage("priority: must be standard, important or urgent");
    assertThatThrownBy(() -> SendRequest.builder().message("m").priority("urgent")
        .threadId("abcdefghijklmnopqrstuvwxyz").build())
        .hasMessage("priority: only root posts can have a priority, not replies (threadId)");
    assertThatThrownBy(() -> SendRequest.builder().message("m").priority("important").persistentNotifications(true)
        .policy(StepPolicy.builder().persistentNotificationsAllowed(true).build()).build()).hasMessage("persistentNotifications: only urgent messages can repeat notifications");
    assertThatThrownBy(() -> SendRequest.builder().message("m").warRoom(true).build())
        .hasMessageStartingWith("warRoom: no War Room channel is configured");
    assertThatThrownBy(() -> SendRequest.builder().message("m").icon("not a url").build())
        .hasMessage("icon: must be an http(s) image URL or an emoji like :jenkins:");
    assertThatThrownBy(() -> SendRequest.builder().message("m").channel("a b").build())
        .hasMessage("channel: 'a b' is not a channel name, id or @user");
  }

  @Test
  void propsArePlainJsonValues() {
    SendRequest request = SendRequest.builder().message("m")
        .props(Map.of("card", "built", "nested", Map.of("list", List.of(1, "built")))).build();
    assertThat(request.props()).containsEntry("card", "built")
        .containsEntry("nested", Map.of("list", List.of(1, "built")));
    assertThatThrownBy(() -> SendRequest.builder().message("m").props(Map.of("when", new Object())).build())
        .hasMessage("props.when: must be text, a number, true/false, a list or a map");
    // Host values (a Groovy GString) are the adapter's to turn into Strings; the core takes only plain JSON values.
    assertThatThrownBy(() -> SendRequest.builder().message("m")
        .props(Map.of("nested", List.of(new StringBuilder("groovy")))).build())
        .hasMessage("props.nested[0]: must be text, a number, true/false, a list or a map");
  }

  @Test
  void attachmentErrorsNameThePath() {
    assertThatThrownBy(() -> SendRequest.builder().attachments(List.of(Map.of("text", "ok"), Map.of("colour", "x")))
        .build()).hasMessageStartingWith("attachments[1].colour: unknown attachment key");
    assertThatThrownBy(() -> SendRequest.builder().attachments(List.of(Map.of("title_link", "ftp://x", "title", "t")))
        .build()).hasMessageStartingWith("attachments[0].titleLink: must be an absolute");
    assertThatThrownBy(() -> SendRequest.builder().attachments(List.of(Map.of("fields", List.of(Map.of("short",
        "yes"))))).build()).hasMessage("attachments[0].fields[0].short: must be true or false");
    assertThatThrownBy(() -> SendRequest.builder().attachmentsJson("{not json").build())
        .hasMessageStartingWith("attachments: is not a JSON array of objects");
  }

  @Test
  void fileUploadsKeepOnlyTheBaseName() {
    assertThat(FileUpload.of("build/reports/a.html", new byte[0]).name()).isEqualTo("a.html");
    assertThat(FileUpload.of("C:\\out\\b.log", new byte[0]).name()).isEqualTo("b.log");
    assertThatThrownBy(() -> FileUpload.of("dir/", new byte[0])).hasMessageStartingWith("files.name: must name a file");
  }
}
