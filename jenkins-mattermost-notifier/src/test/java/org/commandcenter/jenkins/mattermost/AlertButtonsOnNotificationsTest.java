package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.commandcenter.notifier.core.ActionSigner;
import org.commandcenter.notifier.core.AlertButtons;
import org.commandcenter.notifier.core.ChatOps;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The notifier (freestyle and Pipeline alike) puts ChatOps' buttons on its alerts exactly while ChatOps is on. */
class AlertButtonsOnNotificationsTest {
  private final FakeContext context = new FakeContext();

  @BeforeEach
  void setUp() {
    PluginContext.set(context);
  }

  @AfterEach
  void tearDown() {
    PluginContext.set(null);
  }

  @Test
  void alertsCarryChatOpsButtonsWhileItIsOn() {
    AlertButtons buttons = AlertButtons.of("https://jenkins.example.test/mattermost/actions", ActionSigner.builder()
        .secret("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII)).instanceId("j").build());
    ChatOps chatOps = mock(ChatOps.class);
    when(chatOps.alertButtons()).thenReturn(buttons);
    context.chatOps = chatOps;

    assertThat(new MattermostNotifier().config(context.settings, Map.of(), context.rootUrl).alertButtons())
        .isSameAs(buttons);
  }

  @Test
  void alertsCarryNoButtonsWhileChatOpsIsOff() {
    assertThat(new MattermostNotifier().config(context.settings, Map.of(), context.rootUrl).alertButtons()).isNull();
  }
}
