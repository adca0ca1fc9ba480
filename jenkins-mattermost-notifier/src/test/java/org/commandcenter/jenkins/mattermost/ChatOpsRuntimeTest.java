package org.commandcenter.jenkins.mattermost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockStatic;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.commandcenter.notifier.core.AuditEvent;
import org.commandcenter.notifier.core.ChatOps;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.MockedStatic;

/** ChatOps is built from the configuration once, again only when it changes, and stays off when it cannot work. */
class ChatOpsRuntimeTest {
  private static final String SECRET = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
  private static final String BOT_TOKEN = "bot-token-0123456789abcdef";

  private final FakeContext context = new FakeContext();
  private final ExecutorService workers = Executors.newSingleThreadExecutor();
  private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final Handler capture = new Handler() {
    @Override
    public void publish(LogRecord record) {
      log.add(record.getLevel() + " " + new java.util.logging.SimpleFormatter().formatMessage(record));
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
  };
  private Instant now = Instant.parse("2026-11-29T10:00:00Z");
  private MockedStatic<CredentialsProvider> credentials;
  private String botToken = BOT_TOKEN;
  private ChatOpsRuntime runtime;

  @BeforeEach
  void setUp() {
    Logger.getLogger(ChatOpsRuntime.class.getName()).addHandler(capture);
    context.chatOpsSettings = settings(20);
    credentials = mockStatic(CredentialsProvider.class);
    credentials.when(() -> CredentialsProvider.lookupCredentialsInItem(eq(StringCredentials.class), isNull(), any()))
        .thenAnswer(i -> List.of(TestCredentials.secretText("mm-bot", botToken),
            TestCredentials.secretText("mm-command", "command-token-0123456789")));
    Clock clock = new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
    runtime = new ChatOpsRuntime(workers, mock(ScheduledExecutorService.class), clock, audit::add);
  }

  @AfterEach
  void tearDown() {
    credentials.close();
    workers.shutdownNow();
    Logger.getLogger(ChatOpsRuntime.class.getName()).removeHandler(capture);
  }

  private static ChatOpsSettings settings(int rateLimit) {
    return new ChatOpsSettings(true, "mm-command", null, Set.of(), ChatOpsUserMapping.SAME_USERNAME, Map.of(), 14,
        rateLimit, 40, "jenkins-test", SECRET);
  }

  @Test
  void isBuiltOnceAndServesEveryRequestWithTheSameInstance() {
    ChatOps first = runtime.current(context);

    assertThat(first).isNotNull();
    assertThat(runtime.current(context)).isSameAs(first);
    assertThat(first.alertButtons().actionsUrl()).isEqualTo("https://jenkins.example.test/mattermost/actions");
    assertThat(first.config().commandToken()).isEqualTo("command-token-0123456789");
    assertThat(first.config().rateLimitRequests()).isEqualTo(20);
    assertThat(first.alertButtons().signer().instanceId()).isEqualTo("jenkins-test");
    assertThat(log).singleElement().asString().contains("ChatOps is on: Mattermost calls "
        + "https://jenkins.example.test/mattermost/actions");
  }

  @Test
  void isBuiltAgainWhenASettingOrJenkinsUrlChanges() {
    ChatOps first = runtime.current(context);

    context.chatOpsSettings = settings(5);
    ChatOps second = runtime.current(context);
    context.rootUrl = "https://ci.example.test/jenkins/";
    ChatOps third = runtime.current(context);

    assertThat(second).isNotSameAs(first);
    assertThat(second.config().rateLimitRequests()).isEqualTo(5);
    assertThat(third).isNotSameAs(second);
    assertThat(third.alertButtons().actionsUrl()).isEqualTo("https://ci.example.test/jenkins/mattermost/actions");
  }

  @Test
  void aNewValueBehindACredentialsIdIsNoticedWithinAMinuteWithoutLookupsPerRequest() {
    ChatOps first = runtime.current(context);
    botToken = "rotated-bot-token-0123456789";

    for (int i = 0; i < 10; i++) {
      assertThat(runtime.current(context)).isSameAs(first);
    }
    credentials.verify(() -> CredentialsProvider.lookupCredentialsInItem(eq(StringCredentials.class), isNull(),
        any()), org.mockito.Mockito.times(2)); // bot and command token, once
    now = now.plus(ChatOpsRuntime.RECHECK);

    assertThat(runtime.current(context)).isNotSameAs(first);
  }

  @Test
  void offMeansNoChatOpsAndNoCredentialLookups() {
    context.chatOpsSettings = ChatOpsSettings.OFF;

    assertThat(runtime.current(context)).isNull();
    credentials.verifyNoInteractions();
  }

  @Test
  void aWebhookAsBotCredentialKeepsChatOpsOffAndSaysWhyOnceWithoutTheSecret() {
    botToken = "https://chat.example.test/hooks/abcdefghijklmnopqrstuvwxyz";

    assertThat(runtime.current(context)).isNull();
    assertThat(runtime.current(context)).isNull();
    now = now.plus(ChatOpsRuntime.RECHECK);
    assertThat(runtime.current(context)).isNull();

    assertThat(log).singleElement().asString()
        .startsWith("WARNING ChatOps is on but cannot work, so it stays off: credentialsId: the Secret Text holds an "
            + "incoming-webhook URL, but ChatOps needs a bot token")
        .doesNotContain("abcdefghijklmnopqrstuvwxyz");
  }

  @Test
  void withoutJenkinsUrlThereIsNoChatOps() {
    context.rootUrl = null;

    assertThat(runtime.current(context)).isNull();
    assertThat(log).singleElement().asString().contains("ChatOps needs Jenkins' URL");
  }

  @Test
  void anUnexpectedFailureWhileSettingUpKeepsChatOpsOffInsteadOfFailingTheCaller() {
    FakeContext broken = new FakeContext() {
      @Override
      org.commandcenter.mattermost.MattermostClient client(ConnectionSettings s, MattermostConnection connection) {
        throw new IllegalStateException("bug with " + connection.token());
      }
    };
    broken.chatOpsSettings = settings(20);

    assertThat(runtime.current(broken)).isNull();
    assertThat(log).singleElement().asString().startsWith("WARNING ChatOps could not be set up")
        .doesNotContain(BOT_TOKEN);
  }

  @Test
  void withoutAnyBotCredentialThereIsNoChatOps() {
    context.settings = context.settings.newBuilder().credentialsId(null).build();

    assertThat(runtime.current(context)).isNull();
    assertThat(log).singleElement().asString().contains("ChatOps needs a bot token");
  }
}
