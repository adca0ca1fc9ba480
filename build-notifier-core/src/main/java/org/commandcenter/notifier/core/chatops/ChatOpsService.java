package org.commandcenter.notifier.core.chatops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.commandcenter.mattermost.ActionRequest;
import org.commandcenter.mattermost.CommandResponse;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.MattermostException;
import org.commandcenter.mattermost.SlashCommand;
import org.commandcenter.notifier.core.AlertButtons;
import org.commandcenter.notifier.core.AuditSink;
import org.commandcenter.notifier.core.ChatOps;
import org.commandcenter.notifier.core.ChatOpsConfig;
import org.commandcenter.notifier.core.ChatOpsPort;
import org.commandcenter.notifier.core.ClaimStore;
import org.commandcenter.notifier.core.HttpReply;
import org.commandcenter.notifier.core.NotificationLog;

/**
 * The two requests Mattermost sends, from raw bytes to the reply: size, type, shape and credentials first, then the
 * work on the executor within Mattermost's patience, and whatever finishes later through the API (an alert update)
 * or the command's response_url (an answer).
 */
public final class ChatOpsService {
  private final ActionClicks clicks;
  private final SlashCommands commands;
  private final MattermostClient client;
  private final ChatOpsConfig config;
  private final ExecutorService executor;
  private final NotificationLog log;

  public ChatOpsService(MattermostClient client, ChatOpsPort port, ClaimStore store, AuditSink audit,
      AlertButtons buttons, ChatOpsConfig config, ExecutorService executor, Clock clock, NotificationLog log) {
    this.client = client;
    this.config = config;
    this.executor = executor;
    this.log = log;
    Identities identities = new Identities(client, port, config.userCacheTtl(), clock, log);
    RateLimiter rateLimiter = new RateLimiter(config.rateLimitRequests(), config.rateLimitPeriod(), clock);
    AlertPosts posts = new AlertPosts(client, store, buttons, log);
    this.clicks = new ActionClicks(buttons.signer(), port, store, posts, identities, rateLimiter, audit, config,
        clock);
    this.commands = new SlashCommands(port, identities, rateLimiter, posts, client, audit, config, clock, log);
  }

  public HttpReply action(byte[] body, String contentType) {
    HttpReply refused = checkBody(body, contentType, "application/json", "a Mattermost interactive message action");
    if (refused != null) {
      return refused;
    }
    ActionRequest request;
    try {
      request = ActionRequest.parse(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return HttpReply.error(400, "Not a Mattermost action request: " + e.getMessage());
    }
    ActionClicks.Answer answer = within(config.actionDeadline(), () -> clicks.click(request),
        () -> ActionClicks.Answer.say(":hourglass: Jenkins is still working on it; the outcome will show in the "
            + "alert and its thread."),
        late -> {
          if (late.update() != null) {
            try {
              client.update(request.postId(), late.update());
            } catch (MattermostException | RuntimeException e) {
              log.notice("ChatOps could not update the alert post " + request.postId() + ": "
                  + NotificationLog.reason(e));
            }
          }
        },
        () -> ActionClicks.Answer.say(":warning: Jenkins failed while doing that; the Jenkins log says why."));
    return HttpReply.json(answer.toResponse().toJson());
  }

  public HttpReply command(byte[] body, String contentType, String authorization) {
    HttpReply refused = checkBody(body, contentType, "application/x-www-form-urlencoded",
        "a Mattermost slash command (Request Method POST)");
    if (refused != null) {
      return refused;
    }
    SlashCommand command;
    try {
      command = SlashCommand.parseForm(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return HttpReply.error(400, "Not a Mattermost slash command: " + e.getMessage());
    }
    if (!tokenMatches(command.token(), authorization)) {
      log.notice("ChatOps refused a /" + config.trigger() + " request whose token does not match");
      return HttpReply.error(401, "The slash command token does not match the one configured in Jenkins");
    }
    CommandResponse response = within(config.answerWithin(), () -> commands.run(command),
        () -> SlashCommands.ephemeral(":hourglass_flowing_sand: Working on it; the answer follows here."),
        late -> commands.respond(command, late),
        () -> SlashCommands.ephemeral(":warning: Jenkins failed while doing that; the Jenkins log says why."));
    return HttpReply.json(response.toJson());
  }

  /**
   * Both the header ({@code Authorization: Token <token>}, DoCommandRequest in server/channels/app/command.go) and the
   * form field must carry the configured token, each compared in constant time.
   */
  private boolean tokenMatches(String formToken, String authorization) {
    String expected = config.commandToken();
    if (expected == null) {
      return false;
    }
    String headerToken = "";
    if (authorization != null && authorization.length() > 6
        && authorization.substring(0, 6).equalsIgnoreCase("Token ")) {
      headerToken = authorization.substring(6).strip();
    }
    byte[] want = expected.getBytes(StandardCharsets.UTF_8);
    boolean header = MessageDigest.isEqual(want, headerToken.getBytes(StandardCharsets.UTF_8));
    boolean form = MessageDigest.isEqual(want, formToken.getBytes(StandardCharsets.UTF_8));
    return header & form;
  }

  private static HttpReply checkBody(byte[] body, String contentType, String mediaType, String what) {
    if (body == null) {
      return HttpReply.error(400, "Empty request; expected " + what);
    }
    if (body.length > ChatOps.MAX_BODY_BYTES) {
      return HttpReply.error(413, "Request body larger than " + ChatOps.MAX_BODY_BYTES + " bytes");
    }
    String type = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!type.equals(mediaType)) {
      return HttpReply.error(415, "Content-Type must be " + mediaType + " (" + what + "), not "
          + (type.isEmpty() ? "none" : type));
    }
    return null;
  }

  /**
   * Runs {@code work} and waits up to {@code deadline}; when it takes longer, answers {@code meanwhile} and hands the
   * result to {@code late}. A failure of the work answers {@code failed} and is logged, never thrown at Mattermost.
   */
  private <T> T within(Duration deadline, Supplier<T> work, Supplier<T> meanwhile, Consumer<T> late,
      Supplier<T> failed) {
    CompletableFuture<T> future;
    try {
      future = CompletableFuture.supplyAsync(work, executor);
    } catch (RejectedExecutionException e) {
      log.notice("ChatOps is shutting down or overloaded: " + e);
      return failed.get();
    }
    try {
      return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.whenComplete((result, error) -> {
        if (error != null) {
          log.notice("ChatOps failed after answering: " + error);
        } else {
          late.accept(result);
        }
      });
      return meanwhile.get();
    } catch (ExecutionException e) {
      log.notice("ChatOps failed: " + e.getCause());
      return failed.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed.get();
    }
  }
}
