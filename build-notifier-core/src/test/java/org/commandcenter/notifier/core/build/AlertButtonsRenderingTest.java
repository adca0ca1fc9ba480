package org.commandcenter.notifier.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commandcenter.notifier.core.BuildResult.FAILURE;
import static org.commandcenter.notifier.core.BuildResult.SUCCESS;
import static org.commandcenter.notifier.core.BuildResult.UNSTABLE;
import static org.commandcenter.notifier.core.Fixtures.build;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.commandcenter.mattermost.Action;
import org.commandcenter.mattermost.Post;
import org.commandcenter.notifier.core.ActionSigner;
import org.commandcenter.notifier.core.AlertButtons;
import org.commandcenter.notifier.core.BuildEvent;
import org.commandcenter.notifier.core.BuildFacts;
import org.commandcenter.notifier.core.ChatAction;
import org.commandcenter.notifier.core.NotifyConfig;
import org.junit.jupiter.api.Test;

/** Alerts carry the ChatOps buttons only when ChatOps is configured, and only where someone would act. */
class AlertButtonsRenderingTest {
  private static final String ACTIONS = "https://jenkins.example/mattermost/actions";
  private static final String WAR_ROOM = "https://chat.example.com/dev/channels/war-room?join_call=true";
  private static final ActionSigner SIGNER = ActionSigner.builder()
      .secret("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)).instanceId("jenkins-a")
      .clock(Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC)).build();
  private static final NotifyConfig CHATOPS =
      NotifyConfig.builder().alertButtons(AlertButtons.of(ACTIONS, SIGNER)).build();

  private static List<Action> buttons(NotifyConfig config, BuildFacts facts, BuildEvent event, boolean webhook) {
    MessageRenderer renderer = new MessageRenderer(config);
    Post post = webhook ? renderer.single(facts, event, "", WAR_ROOM) : renderer.root(facts, event, "builds", WAR_ROOM);
    return post.attachments().get(0).actions();
  }

  @Test
  void failuresCarryRebuildClaimAndShowLogSignedForTheirBuildAndChannel() {
    List<Action> actions = buttons(CHATOPS, build(FAILURE, SUCCESS).build(), BuildEvent.FAILURE, false);

    assertThat(actions).extracting(Action::id).containsExactly("rebuild", "claim", "showlog");
    assertThat(actions).extracting(Action::name).containsExactly("Rebuild", "I'm on it", "Show log");
    assertThat(actions).allMatch(action -> action.integrationUrl().equals(ACTIONS));
    ActionSigner.Verification rebuild = SIGNER.verify(actions.get(0).context());
    assertThat(rebuild.context().action()).isEqualTo(ChatAction.REBUILD);
    assertThat(rebuild.context().job()).isEqualTo("app/main");
    assertThat(rebuild.context().build()).isEqualTo(42);
    assertThat(rebuild.context().channel()).isEqualTo("builds");
  }

  @Test
  void unstableAndStillFailingToo_overWebhooksAsOverRest() {
    assertThat(buttons(CHATOPS, build(UNSTABLE, SUCCESS).build(), BuildEvent.UNSTABLE, true))
        .extracting(Action::id).containsExactly("rebuild", "claim", "showlog");
    assertThat(buttons(CHATOPS, build(FAILURE, FAILURE).build(), BuildEvent.REPEATED_FAILURE, true))
        .extracting(Action::id).containsExactly("rebuild", "claim", "showlog");
  }

  @Test
  void aRunningBuildsStartedPostCarriesAbort() {
    List<Action> actions = buttons(CHATOPS, build(null).build(), BuildEvent.STARTED, false);
    assertThat(actions).extracting(Action::id).containsExactly("abort");
    assertThat(actions.get(0).style()).isEqualTo("danger");
  }

  @Test
  void successesAndConfigsWithoutChatOpsCarryNoButtonsAndTheWarRoomStaysALink() {
    assertThat(buttons(CHATOPS, build(SUCCESS, FAILURE).build(), BuildEvent.BACK_TO_NORMAL, false)).isEmpty();
    assertThat(buttons(NotifyConfig.builder().build(), build(FAILURE, SUCCESS).build(), BuildEvent.FAILURE, false))
        .isEmpty();
    Post post = new MessageRenderer(CHATOPS).root(build(FAILURE, SUCCESS).build(), BuildEvent.FAILURE, "builds",
        WAR_ROOM);
    assertThat(post.attachments().get(0).fields()).anyMatch(field -> field.title().equals("War Room")
        && field.value().equals("[Join the War Room](" + WAR_ROOM + ")"));
    assertThat(post.attachments().get(0).actions()).noneMatch(action -> action.name().contains("War Room"));
  }
}
