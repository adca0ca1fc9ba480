package org.commandcenter.jenkins.mattermost;

import hudson.ProxyConfiguration;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.rules.WebhookUrls;
import org.commandcenter.notifier.core.ActionSigner;
import org.commandcenter.notifier.core.AlertButtons;
import org.commandcenter.notifier.core.AuditSink;
import org.commandcenter.notifier.core.ChatOps;
import org.commandcenter.notifier.core.ChatOpsConfig;

/**
 * The one {@link ChatOps} of this Jenkins, built from the global configuration and built again only when that changes
 * (a setting, Jenkins' URL or proxy, or the value behind a credentials id, which is looked up again at most once a
 * {@link #RECHECK}), never per request. Null while ChatOps is off or cannot work (no bot token, no Jenkins URL, …):
 * the endpoint then answers 404 and alerts carry no buttons; the reason is logged once.
 *
 * <p>What must outlive a rebuild lives here: the bounded thread pools, the claim store and the jobs the port has
 * resolved, the watch on queued builds.
 */
final class ChatOpsRuntime {
  private static final Logger LOGGER = Logger.getLogger(ChatOpsRuntime.class.getName());
  /** How often the secrets behind the configured credentials ids are looked up again. */
  static final Duration RECHECK = Duration.ofMinutes(1);
  private static volatile ChatOpsRuntime shared;

  private final ExecutorService workers;
  private final Clock clock;
  private final AuditSink audit;
  private final ResolvedJobs resolved = new ResolvedJobs();
  private final BuildClaimStore claims = new BuildClaimStore(resolved::build);
  private final BuildStarts starts;
  private final RecentLogTails logs;
  private Built built;
  private String lastProblem;

  ChatOpsRuntime(ExecutorService workers, ScheduledExecutorService scheduler, Clock clock, AuditSink audit) {
    this.workers = workers;
    this.clock = clock;
    this.audit = audit;
    this.starts = new BuildStarts(scheduler, workers);
    this.logs = new RecentLogTails(clock);
  }

  /** The runtime of this Jenkins, with its own bounded Jenkins-style threads, made on first use. */
  static ChatOpsRuntime shared() {
    ChatOpsRuntime runtime = shared;
    if (runtime == null) {
      synchronized (ChatOpsRuntime.class) {
        runtime = shared;
        if (runtime == null) {
          PluginContext context = PluginContext.current();
          runtime = new ChatOpsRuntime(ChatOpsThreads.workers(context), ChatOpsThreads.scheduler(context),
              Clock.systemUTC(), new ChatOpsAuditLog());
          shared = runtime;
        }
      }
    }
    return runtime;
  }

  /** {@code <root>/mattermost/…} for one of the endpoint's paths, or null while Jenkins' URL is not configured. */
  static String endpointUrl(String rootUrl, String path) {
    if (rootUrl == null || rootUrl.isBlank()) {
      return null;
    }
    return rootUrl.replaceAll("/+$", "") + path;
  }

  /** The ChatOps for the configuration {@code context} reads now, or null while it is off or cannot work. */
  synchronized ChatOps current(PluginContext context) {
    ChatOpsSettings settings = context.chatOpsSettings();
    if (!settings.enabled()) {
      built = null;
      lastProblem = null;
      return null;
    }
    ConnectionSettings connection = context.settings();
    String rootUrl = context.rootUrl();
    Key key = new Key(settings, connection.siteUrl(), connection.credentialsId(), connection.team(),
        connection.caCertificate(), connection.useProxy() ? context.proxy() : null, connection.connectTimeout(),
        connection.readTimeout(), rootUrl);
    Instant now = clock.instant();
    if (built != null && built.key.equals(key) && now.isBefore(built.recheckAt)) {
      return built.chatOps;
    }
    Secrets secrets = null;
    try {
      secrets = Secrets.resolve(settings, connection);
      if (built == null || !built.key.equals(key) || !built.secretsDigest.equals(secrets.digest())) {
        built = new Built(key, secrets.digest(), build(context, settings, connection, rootUrl, secrets),
            now.plus(RECHECK));
        LOGGER.log(Level.INFO, "ChatOps is on: Mattermost calls {0}", endpointUrl(rootUrl, ChatOpsEndpoint.ACTIONS_PATH));
      } else {
        built = new Built(key, built.secretsDigest, built.chatOps, now.plus(RECHECK));
      }
      lastProblem = null;
      return built.chatOps;
    } catch (IllegalArgumentException e) {
      // The messages name the field (SecretTexts, the core's builders); masked anyway, like every log line.
      String problem = redact(e.getMessage(), secrets);
      if (!problem.equals(lastProblem)) {
        LOGGER.log(Level.WARNING, "ChatOps is on but cannot work, so it stays off: {0}", problem);
        lastProblem = problem;
      }
      built = new Built(key, "", null, now.plus(RECHECK));
      return null;
    } catch (RuntimeException e) {
      // A bug of ours must not cost the notifications their delivery: they go out without buttons. No stack trace:
      // its messages may hold what we were handling.
      StackTraceElement[] where = e.getStackTrace();
      String problem = redact(e.toString(), secrets) + (where.length > 0 ? " at " + where[0] : "");
      if (!problem.equals(lastProblem)) {
        LOGGER.log(Level.WARNING, "ChatOps could not be set up, so it stays off: {0}", problem);
        lastProblem = problem;
      }
      built = new Built(key, "", null, now.plus(RECHECK));
      return null;
    }
  }

  private static String redact(String text, Secrets secrets) {
    String masked = Redaction.redact(text, null);
    if (secrets != null) {
      masked = Redaction.redact(Redaction.redact(masked, secrets.botToken), secrets.commandToken);
    }
    return masked;
  }

  private ChatOps build(PluginContext context, ChatOpsSettings settings, ConnectionSettings connection,
      String rootUrl, Secrets secrets) {
    String actionsUrl = endpointUrl(rootUrl, ChatOpsEndpoint.ACTIONS_PATH);
    if (actionsUrl == null) {
      throw new IllegalArgumentException(Messages.get("chatops.rootUrlRequired"));
    }
    if (connection.siteUrl() == null) {
      throw new IllegalArgumentException(Messages.get("client.siteUrlRequired"));
    }
    MattermostClient client = context.client(connection,
        new MattermostConnection(null, connection.siteUrl(), secrets.botToken));
    ActionSigner signer = ActionSigner.builder()
        .secret(Base64.getDecoder().decode(settings.signingSecret()))
        .instanceId(settings.instanceId())
        .maxAge(Duration.ofDays(settings.buttonMaxAgeDays()))
        .clock(clock)
        .build();
    String botToken = secrets.botToken;
    String commandToken = secrets.commandToken;
    ChatOpsConfig config = ChatOpsConfig.builder()
        .commandToken(commandToken)
        .allowedTeamIds(settings.allowedTeamIds())
        .rateLimit(settings.rateLimitPerMinute(), Duration.ofMinutes(1))
        .logTailLines(settings.logTailLines())
        // After what the build log masked already: our own secrets and webhook keys, should a build print them.
        .logRedactor(line -> Redaction.redact(Redaction.redact(line, botToken), commandToken))
        .build();
    JenkinsChatOpsPort port = new JenkinsChatOpsPort(
        new JenkinsUserMapping(settings.userMapping(), settings.userTable()), resolved, starts, logs,
        context::rootUrl);
    return ChatOps.builder()
        .client(client)
        .port(port)
        .buttons(AlertButtons.of(actionsUrl, signer))
        .config(config)
        .claims(claims)
        .audit(audit)
        .log(line -> LOGGER.log(Level.INFO, "{0}", line))
        .executor(workers)
        .clock(clock)
        .build();
  }

  /** What ChatOps was built from, but the secrets (compared by digest, see {@link Secrets}). */
  private record Key(ChatOpsSettings settings, String siteUrl, String credentialsId, String team,
      String caCertificate, ProxyConfiguration proxy, Duration connectTimeout, Duration readTimeout, String rootUrl) {
    @Override
    public String toString() {
      return "Key{" + settings + "}";
    }
  }

  private record Built(Key key, String secretsDigest, ChatOps chatOps, Instant recheckAt) {}

  /** The bot token and the command token behind the configured ids, resolved as Jenkins itself. */
  private static final class Secrets {
    final String botToken;
    final String commandToken;

    private Secrets(String botToken, String commandToken) {
      this.botToken = botToken;
      this.commandToken = commandToken;
    }

    /** @throws IllegalArgumentException naming the field, never showing a secret */
    static Secrets resolve(ChatOpsSettings settings, ConnectionSettings connection) {
      String botField = settings.botCredentialsId() != null ? "chatOpsBotCredentialsId" : "credentialsId";
      String botId = settings.botCredentialsId() != null ? settings.botCredentialsId() : connection.credentialsId();
      if (botId == null) {
        throw new IllegalArgumentException(Messages.get("chatops.botRequired"));
      }
      String botToken = SecretTexts.forJenkins(botField, botId, null).strip();
      if (botToken.isEmpty()) {
        throw new IllegalArgumentException(Messages.get("chatops.botEmpty", botField));
      }
      if (WebhookUrls.isWebhookUrl(botToken)) {
        throw new IllegalArgumentException(Messages.get("chatops.botIsWebhook", botField));
      }
      String commandToken = settings.commandTokenCredentialsId() == null ? null
          : SecretTexts.forJenkins("chatOpsCommandTokenCredentialsId", settings.commandTokenCredentialsId(), null)
              .strip();
      return new Secrets(botToken, commandToken);
    }

    String digest() {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(botToken.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(Objects.toString(commandToken, "").getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(sha.digest());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
      }
    }
  }
}
