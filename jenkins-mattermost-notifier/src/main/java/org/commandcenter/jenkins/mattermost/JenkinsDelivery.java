package org.commandcenter.jenkins.mattermost;

import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.Run;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import okhttp3.HttpUrl;
import org.commandcenter.mattermost.DeliveryEngine;
import org.commandcenter.mattermost.DeliveryHealth;
import org.commandcenter.mattermost.DeliveryListener;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Outbox;
import org.commandcenter.mattermost.rules.HttpUrls;
import org.commandcenter.mattermost.rules.WebhookUrls;
import org.commandcenter.notifier.core.NotificationEngine;

/**
 * The delivery engines of this Jenkins: one with a durable outbox in {@code $JENKINS_HOME/}{@value #OUTBOX}, for
 * every notification whose connection can be named without a secret (the global credential, or a job's credential
 * id), and one in memory for the rest (a step's own webhook URL is a secret; a credential chosen by a build
 * parameter is the build's). Started once the jobs are loaded ({@link DeliveryLifecycle}), closed at shutdown;
 * before that (and in tests without Jenkins) notifications go through the core's shared in-memory engine.
 *
 * <p>The outbox records only a connection key — {@value #GLOBAL}, or {@code job:<job>:<credential id>[:<site>]}
 * — and {@link #resolve} turns it into a client when sending: the latest client a notification of that key brought
 * in this process, else (after a restart, or after "Retry now" or a saved configuration forgot them) resolved again
 * from the configuration, the job's credential in the job's context as builds resolve it.
 */
final class JenkinsDelivery {
  static final String OUTBOX = "mattermost-notifier/outbox";
  /** Deliveries that may wait at once, in the outbox; the oldest waiting one is dropped beyond. */
  static final int CAPACITY = 10_000;
  static final String GLOBAL = "global";
  private static final String JOB = "job:";
  private static final String MEMORY = "memory:";
  /** Keys longer than this are not taken by the engine (Delivery's limit): such a notification stays in memory. */
  private static final int MAX_KEY_LENGTH = 200;
  /** Clients remembered at most; the least recently used is forgotten first (and resolved again when needed). */
  private static final int MAX_CLIENTS = 256;
  private static final Logger LOGGER = Logger.getLogger(JenkinsDelivery.class.getName());
  private static final JenkinsDelivery SHARED = new JenkinsDelivery();

  /** The durable engine's clients: forgotten when the configuration changes, resolved again from the key. */
  private final Map<String, MattermostClient> clients = lruMap();
  /**
   * The in-memory engine's clients ({@value #MEMORY} keys): nothing can resolve them again (a step's own webhook URL,
   * a credential a build parameter chose), so "Retry now" and a saved configuration keep them; only stop forgets.
   */
  private final Map<String, MattermostClient> memoryClients = lruMap();
  private volatile PluginContext context;
  private volatile DeliveryEngine durable;
  private volatile DeliveryEngine inMemory;

  /** The engines of this Jenkins (started by {@link DeliveryLifecycle}). */
  static JenkinsDelivery shared() {
    return SHARED;
  }

  /**
   * Opens the outbox under {@code jenkinsHome} and resumes what the last run left, in order; a second call does
   * nothing. An outbox that cannot be opened (another Jenkins on the same home, a read-only disk) is logged and
   * replaced by memory: notifications still go out, but do not survive a restart.
   */
  synchronized void start(PluginContext context, Path jenkinsHome) {
    if (durable != null) {
      return;
    }
    this.context = context;
    Outbox outbox = Outbox.directory(jenkinsHome.resolve(OUTBOX));
    DeliveryEngine engine = engine(context, outbox, "Mattermost delivery");
    try {
      engine.start();
    } catch (IOException | RuntimeException e) {
      // A start that failed after opening the outbox (reading what waits, making the threads) leaves it open and
      // its lock file held for the life of the process: close it, so that a later start can take it.
      engine.close();
      LOGGER.log(Level.WARNING, "Mattermost: cannot open the outbox " + outbox + " (" + e.getMessage()
          + "); notifications are kept in memory only and do not survive a restart");
      engine = started(engine(context, Outbox.inMemory(), "Mattermost delivery"));
    }
    durable = engine;
    inMemory = started(engine(context, Outbox.inMemory(), "Mattermost delivery (in memory)"));
  }

  /** Lets attempts under way end briefly; what waits stays in the outbox for the next start. */
  synchronized void stop() {
    DeliveryEngine engine = durable;
    DeliveryEngine memory = inMemory;
    durable = null;
    inMemory = null;
    if (engine != null) {
      engine.close();
    }
    if (memory != null) {
      memory.close();
    }
    synchronized (clients) {
      clients.clear();
      memoryClients.clear();
    }
  }

  private static Map<String, MattermostClient> lruMap() {
    return new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, MattermostClient> eldest) {
        return size() > MAX_CLIENTS;
      }
    };
  }

  private DeliveryEngine engine(PluginContext context, Outbox outbox, String threadName) {
    return DeliveryEngine.builder(this::resolve)
        .outbox(outbox)
        .capacity(CAPACITY)
        .threadFactory(context.threadFactory(threadName))
        // Records the threads of build notifications, also of those resumed after a restart.
        .addListener(NotificationEngine.deliveryListener(context::threadStore))
        .addListener(new HealthLog())
        .build();
  }

  private static DeliveryEngine started(DeliveryEngine engine) {
    try {
      engine.start();
    } catch (IOException e) {
      throw new IllegalStateException("an in-memory outbox cannot fail to open", e);
    }
    return engine;
  }

  /** The durable engine's health, or null before the start. */
  DeliveryHealth health() {
    DeliveryEngine engine = durable;
    return engine == null ? null : engine.health();
  }

  /** The in-memory engine's health (a step's own webhook, a credential a parameter chose), or null before the start. */
  DeliveryHealth inMemoryHealth() {
    DeliveryEngine engine = inMemory;
    return engine == null ? null : engine.health();
  }

  /**
   * An administrator's "Retry now": the durable engine's clients are resolved again from the configuration, and every
   * wait ends, in both engines (what waits in memory is retried with the client it came with).
   */
  void retryNow() {
    forgetClients();
    DeliveryEngine engine = durable;
    if (engine != null) {
      engine.retryNow();
    }
    DeliveryEngine memory = inMemory;
    if (memory != null) {
      memory.retryNow();
    }
  }

  /**
   * The configuration changed: what waits in the outbox is sent with what it says now. The in-memory engine's
   * clients stay: its keys cannot be resolved again, and forgetting them would fail what waits there for good.
   */
  void forgetClients() {
    synchronized (clients) {
      clients.clear();
    }
  }

  /**
   * The engine and connection key for a notification with {@code client}, which {@code choice} and {@code run}
   * resolved just now; null before the start (the caller then uses the core's shared in-memory engine).
   */
  Route route(ConnectionSettings settings, MattermostConnection.Choice choice, Run<?, ?> run,
      MattermostClient client) {
    DeliveryEngine engine = durable;
    DeliveryEngine memory = inMemory;
    if (engine == null || memory == null) {
      return null;
    }
    String key = connectionKey(settings, choice, run);
    Route route = key != null ? new Route(engine, key) : new Route(memory, MEMORY + client.fingerprint());
    synchronized (clients) {
      (key != null ? clients : memoryClients).put(route.connection(), client);
    }
    return route;
  }

  /**
   * A name for the connection that holds no secret and resolves to the same credential later, or null when there
   * is none: a step's webhook {@code endpoint} (the URL is the secret), a site {@code endpoint} with user info or a
   * query, a credential id a build parameter may choose (resolved per build by the credentials plugin's
   * {@code CredentialsProvider.findCredentialById}), or a key too long.
   */
  static String connectionKey(ConnectionSettings settings, MattermostConnection.Choice choice, Run<?, ?> run) {
    String endpoint = blankToNull(choice.endpoint());
    String credentialsId = blankToNull(choice.credentialsId());
    if (endpoint != null && WebhookUrls.isWebhookUrl(endpoint)) {
      return null;
    }
    String site = null;
    if (endpoint != null && !MattermostConnection.isSameSite(endpoint, settings.siteUrl())) {
      HttpUrl url = HttpUrls.parse(endpoint);
      if (url == null || !url.username().isEmpty() || !url.password().isEmpty() || url.query() != null) {
        return null;
      }
      site = endpoint;
    }
    if (credentialsId == null) {
      return site == null ? GLOBAL : null;
    }
    if (run == null || run.getParent() == null || chosenByParameter(credentialsId, run)) {
      return null;
    }
    String key = JOB + encode(run.getParent().getFullName()) + ":" + encode(credentialsId)
        + (site != null ? ":" + encode(site) : "");
    return key.length() <= MAX_KEY_LENGTH ? key : null;
  }

  /** {@code ${NAME}}, or an id that is also the name of one of the build's parameters (findCredentialById). */
  private static boolean chosenByParameter(String credentialsId, Run<?, ?> run) {
    if (credentialsId.contains("${")) {
      return true;
    }
    ParametersAction parameters = run.getAction(ParametersAction.class);
    if (parameters == null) {
      return false;
    }
    for (ParameterValue parameter : parameters.getParameters()) {
      if (parameter != null && credentialsId.equals(parameter.getName())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The engines' {@link org.commandcenter.mattermost.ClientResolver}: the client the last notification of the key
   * brought, else one resolved again from the configuration. An unknown key, a job gone, a credential gone fail
   * the delivery for good (IllegalArgumentException, naming what is missing, never a secret).
   */
  MattermostClient resolve(String key) {
    synchronized (clients) {
      MattermostClient known = key.startsWith(MEMORY) ? memoryClients.get(key) : clients.get(key);
      if (known != null) {
        return known;
      }
    }
    PluginContext resolving = context != null ? context : PluginContext.current();
    ConnectionSettings settings = resolving.settings();
    MattermostConnection connection;
    if (GLOBAL.equals(key)) {
      connection = resolving.connection(settings, MattermostConnection.Choice.globalDefault(), null);
    } else if (key.startsWith(JOB)) {
      String[] parts = key.substring(JOB.length()).split(":", -1);
      if (parts.length < 2 || parts.length > 3) {
        throw new IllegalArgumentException("connection: not one of this plugin's (" + key + ")");
      }
      String job = decode(parts[0]);
      Run<?, ?> run = resolving.lastBuild(job);
      if (run == null) {
        throw new IllegalArgumentException("job " + job + " has no builds any more: its credential cannot be "
            + "resolved");
      }
      // For an id no parameter chooses, every build of the job resolves the same credential: in the job's context,
      // as the job's authentication (credentials-plugin CredentialsProvider.findCredentialById).
      connection = resolving.connection(settings, new MattermostConnection.Choice(decode(parts[1]), "credentialsId",
          parts.length == 3 ? decode(parts[2]) : null), run);
    } else {
      // In memory only: its client went with the process (or MAX_CLIENTS newer ones pushed it out); nothing to
      // resolve it from.
      throw new IllegalArgumentException("connection: no longer known (" + (key.startsWith(MEMORY) ? "a step's own"
          + " endpoint or a credential chosen by a parameter" : key) + ")");
    }
    MattermostClient client = resolving.client(settings, connection);
    synchronized (clients) {
      clients.put(key, client);
    }
    return client;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  /** Where a notification goes: the engine, and the connection key it is written under. */
  record Route(DeliveryEngine engine, String connection) {
  }

  /** One line in the Jenkins log when delivery stops working and one when it recovers, with the counts. */
  private static final class HealthLog implements DeliveryListener {
    @Override
    public void stoppedWorking(String connection, DeliveryHealth health) {
      LOGGER.log(Level.WARNING, "Mattermost: notifications cannot be delivered ({0}); they wait and are retried: {1}",
          new Object[] {describe(connection), health});
    }

    @Override
    public void recovered(String connection, DeliveryHealth health) {
      LOGGER.log(Level.INFO, "Mattermost: notifications are delivered again ({0}): {1}",
          new Object[] {describe(connection), health});
    }

    private static String describe(String connection) {
      return connection.startsWith(MEMORY) ? "a step's own endpoint" : connection;
    }
  }
}
