package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.notifier.core.chatops.ChatOpsService;

/**
 * ChatOps: the buttons on build alerts and the {@code /jenkins} command, Jenkins-free. The adapter's one endpoint
 * hands over the raw request: {@link #handleAction} for a click (Mattermost POSTs bare JSON, no credentials),
 * {@link #handleCommand} for a slash command (a form with the command's token, also in
 * {@code Authorization: Token …}), and writes the {@link HttpReply} back. Everything Jenkins does goes through the
 * {@link ChatOpsPort}, as the person who asked.
 *
 * <pre>{@code
 * ChatOps chatOps = ChatOps.builder()
 *     .client(restClientWithBotToken)
 *     .port(jenkinsPort)
 *     .buttons(AlertButtons.of("https://jenkins.example/mattermost/actions", signer))
 *     .config(ChatOpsConfig.builder().commandToken(token).build())
 *     .audit(event -> LOGGER.info(event.toString()))
 *     .build();
 * HttpReply reply = chatOps.handleAction(body, request.getContentType());
 * }</pre>
 */
public final class ChatOps {
  /** Bodies above this are refused (413) before anything reads them; Mattermost's requests are far smaller. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private static final ExecutorService SHARED_EXECUTOR = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "mattermost-chatops-" + Counter.NEXT.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  });

  private final AlertButtons buttons;
  private final ChatOpsConfig config;
  private final ChatOpsService service;

  private ChatOps(Builder builder) {
    this.buttons = builder.buttons;
    this.config = builder.config;
    this.service = new ChatOpsService(builder.client, builder.port, builder.claims, builder.audit, builder.buttons,
        builder.config, builder.executor, builder.clock, builder.log);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A click: Mattermost's PostActionIntegrationRequest as POSTed, and its Content-Type header. Always answers. */
  public HttpReply handleAction(byte[] body, String contentType) {
    return service.action(body, contentType);
  }

  /**
   * A slash command: the form body as POSTed, its Content-Type and its Authorization header (null when absent).
   * Always answers.
   */
  public HttpReply handleCommand(byte[] body, String contentType, String authorization) {
    return service.command(body, contentType, authorization);
  }

  /** The same buttons, for {@link NotifyConfig.Builder#alertButtons}. */
  public AlertButtons alertButtons() {
    return buttons;
  }

  public ChatOpsConfig config() {
    return config;
  }

  @Override
  public String toString() {
    return "ChatOps{" + buttons + ", " + config + "}";
  }

  private static final class Counter {
    static final AtomicInteger NEXT = new AtomicInteger();
  }

  public static final class Builder {
    private MattermostClient client;
    private ChatOpsPort port;
    private AlertButtons buttons;
    private ChatOpsConfig config = ChatOpsConfig.defaults();
    private ClaimStore claims = new InMemoryClaimStore();
    private AuditSink audit = AuditSink.none();
    private NotificationLog log = NotificationLog.none();
    private ExecutorService executor = SHARED_EXECUTOR;
    private Clock clock = Clock.systemUTC();

    Builder() {}

    /** A REST client with the bot token: it looks up who asked, reads and updates alerts and writes threads. */
    public Builder client(MattermostClient client) {
      this.client = requireNonNull(client, "client == null");
      return this;
    }

    public Builder port(ChatOpsPort port) {
      this.port = requireNonNull(port, "port == null");
      return this;
    }

    public Builder buttons(AlertButtons buttons) {
      this.buttons = requireNonNull(buttons, "buttons == null");
      return this;
    }

    public Builder config(ChatOpsConfig config) {
      this.config = requireNonNull(config, "config == null");
      return this;
    }

    /** Who is on which alert; default in memory. */
    public Builder claims(ClaimStore claims) {
      this.claims = requireNonNull(claims, "claims == null");
      return this;
    }

    public Builder audit(AuditSink audit) {
      this.audit = requireNonNull(audit, "audit == null");
      return this;
    }

    /** Operational problems (Mattermost unreachable, a late answer lost); never secrets. */
    public Builder log(NotificationLog log) {
      this.log = requireNonNull(log, "log == null");
      return this;
    }

    public Builder executor(ExecutorService executor) {
      this.executor = requireNonNull(executor, "executor == null");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock == null");
      return this;
    }

    /** @throws IllegalArgumentException naming what is missing */
    public ChatOps build() {
      if (client == null) {
        throw Checks.invalid("client", "must be set (a REST client with the bot token)");
      }
      if (client.isWebhook()) {
        throw Checks.invalid("client", "ChatOps needs the REST API with a bot token (to look up who asked and "
            + "update alerts), not an incoming webhook");
      }
      if (port == null) {
        throw Checks.invalid("port", "must be set");
      }
      if (buttons == null) {
        throw Checks.invalid("buttons", "must be set (the actions URL and the signer)");
      }
      return new ChatOps(this);
    }
  }
}
