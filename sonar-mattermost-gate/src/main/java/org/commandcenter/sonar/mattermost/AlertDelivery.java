package org.commandcenter.sonar.mattermost;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import org.commandcenter.mattermost.Delivery;
import org.commandcenter.mattermost.DeliveryEngine;
import org.commandcenter.mattermost.DeliveryHealth;
import org.commandcenter.mattermost.DeliveryListener;
import org.commandcenter.mattermost.DeliveryResult;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.Outbox;
import org.commandcenter.mattermost.Post;
import org.commandcenter.mattermost.Submission;
import org.commandcenter.mattermost.tls.CaTrust;
import org.sonar.api.Startable;
import org.sonar.api.ce.ComputeEngineSide;
import org.sonar.api.config.Configuration;
import org.sonar.api.utils.log.Logger;
import org.sonar.api.utils.log.Loggers;

/**
 * The Compute Engine's one way to Mattermost: a delivery engine whose outbox lives under the server's data
 * directory ({@code sonar.path.data}/{@value #OUTBOX_DIRECTORY}), so that an alert the task wrote survives a restart
 * of the Compute Engine and a Mattermost outage of any length. The task only writes and returns; this component,
 * started with the Compute Engine, resumes what the last one left and delivers in the background. It says once
 * when delivery stops working and once when it works again, with the counts.
 *
 * <p>The outbox names the connection {@value #CONNECTION}; the token, webhook URL and CA are read from the
 * settings when an alert is sent, never written to disk. An alert that waits for the previous gate status
 * ({@link GateCondition}) is written with its condition; a delivery thread asks the Web API before sending it.
 */
@ComputeEngineSide
public class AlertDelivery implements Startable {

  static final String OUTBOX_DIRECTORY = "mattermost-gate/outbox";
  static final String CONNECTION = "sonarqube";
  /** Where SonarQube keeps its data (ProcessProperties PATH_DATA), absolute in the Compute Engine's settings. */
  static final String PATH_DATA = "sonar.path.data";
  static final String PATH_HOME = "sonar.path.home";
  /** The alert's description for the log lines written after the task is gone (no secrets). */
  static final String WHAT = "sonar.what";

  /** The most a delivery thread spends asking the Web API for one alert's previous gate status. */
  static final Duration WEB_API_BUDGET = Duration.ofSeconds(15);
  private static final Logger LOG = Loggers.get(AlertDelivery.class);

  private final Configuration config;
  private final DeliveryTuning tuning;
  private final OkHttpClient httpClient;
  /** What a send uses: the settings as last read, so a rotated token reaches alerts that wait. */
  private final GateSettingsSource settings;
  private final AtomicReference<Connection> connection = new AtomicReference<>();
  private volatile DeliveryEngine engine;

  public AlertDelivery(Configuration config, GateSettingsSource settings) {
    this(config, settings, DeliveryTuning.PRODUCTION);
  }

  private AlertDelivery(Configuration config, GateSettingsSource settings, DeliveryTuning tuning) {
    this.config = Objects.requireNonNull(config, "config == null");
    this.settings = Objects.requireNonNull(settings, "settings == null");
    this.tuning = tuning;
    this.httpClient = new OkHttpClient.Builder()
        .connectTimeout(tuning.connectTimeout())
        .readTimeout(tuning.readTimeout())
        .writeTimeout(tuning.readTimeout())
        .build();
  }

  /** With the settings read at every send: tests change them between alerts. */
  static AlertDelivery withTuning(Configuration config, DeliveryTuning tuning) {
    return new AlertDelivery(config, GateSettingsSource.readEveryTime(config), tuning);
  }

  /** Shared by the Mattermost clients and the SonarQube Web API lookups: one pool, one dispatcher. */
  OkHttpClient httpClient() {
    return httpClient;
  }

  /** Opens the outbox and resumes the alerts an earlier Compute Engine left in it. */
  @Override
  public void start() {
    Outbox outbox = outbox();
    DeliveryEngine created = engine(outbox);
    try {
      created.start();
    } catch (IOException e) {
      LOG.warn("Mattermost: cannot open the outbox {} ({}); alerts are kept in memory only and do not survive a"
          + " restart", outbox.directory().map(Path::toString).orElse(""), e.getMessage());
      created = engine(Outbox.inMemory());
      try {
        created.start();
      } catch (IOException impossible) {
        throw new IllegalStateException(impossible);
      }
    }
    engine = created;
  }

  /** Lets attempts under way end briefly; what waits stays in the outbox for the next start. */
  @Override
  public void stop() {
    DeliveryEngine running = engine;
    if (running != null) {
      running.close();
    }
    httpClient.dispatcher().executorService().shutdown();
    httpClient.connectionPool().evictAll();
  }

  /**
   * An alert as the outbox takes it.
   *
   * @param what names the alert in log messages (no secrets)
   * @param summary its line in a digest, when many alerts come at once
   * @param coalesceKey a newer alert with the same key replaces this one while it waits
   * @param condition null, or what must hold, asked of the Web API for {@code analysis}, for it to be sent
   */
  record Alert(Post post, String what, Delivery.Summary summary, String coalesceKey, GateCondition condition,
      AnalysisRef analysis) {

    Alert(Post post, String what, Delivery.Summary summary, String coalesceKey) {
      this(post, what, summary, coalesceKey, null, null);
    }

    Alert onlyIf(GateCondition condition, AnalysisRef analysis) {
      return new Alert(post, what, summary, coalesceKey, Objects.requireNonNull(condition, "condition == null"),
          Objects.requireNonNull(analysis, "analysis == null"));
    }
  }

  /**
   * Writes the alert to the outbox and returns: {@link DeliveryOutcome#QUEUED}, or {@link DeliveryOutcome#FAILED}
   * when the settings cannot make a connection. Never throws, never waits for Mattermost or the Web API.
   */
  DeliveryOutcome deliver(GateSettings settings, Alert alert) {
    try {
      connectionFor(settings);
    } catch (IllegalArgumentException e) {
      LOG.warn("Mattermost: alert for {} not sent, invalid connection settings: {}", alert.what(), e.getMessage());
      return DeliveryOutcome.FAILED;
    }
    DeliveryEngine running = engine;
    if (running == null) {
      LOG.warn("Mattermost: alert for {} not sent: the delivery engine is not started", alert.what());
      return DeliveryOutcome.FAILED;
    }
    Submission submission = running.submit(toDelivery(alert));
    DeliveryResult refused = submission.outcome().getNow(null);
    return refused != null && !refused.isDelivered() ? DeliveryOutcome.FAILED : DeliveryOutcome.QUEUED;
  }

  /** What {@link #deliver} does up to the outbox, without sending: builds the client and the delivery. */
  void warmUp(GateSettings settings, Alert alert) {
    connectionFor(settings);
    connectionFor(settings); // finds the client built: what every later alert does (its key's first equals)
    toDelivery(alert);
  }

  private static Delivery toDelivery(Alert alert) {
    Delivery.Builder delivery = Delivery.builder()
        .connection(CONNECTION)
        .channel(alert.post().channel())
        .post(alert.post())
        .summary(alert.summary())
        .coalesceKey(alert.coalesceKey())
        .attribute(WHAT, alert.what());
    if (alert.condition() != null) {
      delivery.condition(alert.condition().value());
      alert.analysis().writeTo(delivery::attribute);
    }
    return delivery.build();
  }

  /**
   * Asked by the engine on a delivery thread before an alert with a {@link GateCondition} is sent: the previous
   * gate status from the Web API decides. When it cannot be learnt, the alert goes as for {@code notify = failed}.
   */
  private boolean stillAnAlert(Delivery delivery) {
    GateCondition condition = GateCondition.parse(delivery.condition());
    AnalysisRef analysis = AnalysisRef.from(delivery.attributes());
    Instant deadline = Instant.now().plus(WEB_API_BUDGET);
    PreviousStatus previous = webApi().map(source -> source.previousStatus(analysis, deadline))
        .orElse(PreviousStatus.UNKNOWN);
    boolean holds = condition.holds(previous);
    if (previous == PreviousStatus.UNKNOWN) {
      LOG.warn("Mattermost: previous quality gate status of {} unknown, {} as for '{}'", analysis.projectKey(),
          holds ? "alerting" : "not alerting", NotifyMode.FAILED.value());
    } else if (!holds) {
      LOG.info("Mattermost: no alert for {}: {}", Reports.what(delivery), condition.reason(previous));
    }
    return holds;
  }

  /** The Web API the settings as last read name; empty without a token (or with invalid settings). */
  private Optional<WebApiPreviousStatus> webApi() {
    try {
      return WebApiPreviousStatus.of(httpClient, settings.current(), config);
    } catch (IllegalArgumentException e) {
      LOG.warn("Mattermost: cannot ask the Web API, invalid setting {}", e.getMessage());
      return Optional.empty();
    }
  }

  /** Counts since the Compute Engine started, and whether Mattermost answers. */
  public DeliveryHealth health() {
    DeliveryEngine running = engine;
    return running == null ? null : running.health();
  }

  /** {@code sonar.path.data}/mattermost-gate/outbox, else under {@code sonar.path.home}, else in memory. */
  Outbox outbox() {
    Optional<String> data = config.get(PATH_DATA);
    if (data.isPresent() && !data.get().isBlank()) {
      return Outbox.directory(Paths.get(data.get()).resolve(OUTBOX_DIRECTORY));
    }
    Optional<String> home = config.get(PATH_HOME);
    if (home.isPresent() && !home.get().isBlank()) {
      return Outbox.directory(Paths.get(home.get()).resolve("data").resolve(OUTBOX_DIRECTORY));
    }
    LOG.warn("Mattermost: neither {} nor {} is set; alerts are kept in memory only", PATH_DATA, PATH_HOME);
    return Outbox.inMemory();
  }

  private DeliveryEngine engine(Outbox outbox) {
    return DeliveryEngine.builder(this::resolve)
        .outbox(outbox)
        .capacity(tuning.capacity())
        .initialRetryDelay(tuning.initialRetryDelay())
        .maxRetryDelay(tuning.maxRetryDelay())
        .closeTimeout(tuning.closeTimeout())
        .condition(this::stillAnAlert)
        .addListener(new Reports())
        .build();
  }

  /** The client for the settings as last read. */
  private MattermostClient resolve(String key) {
    if (!CONNECTION.equals(key)) {
      throw new IllegalArgumentException("connection: not this plugin's (" + key + ")");
    }
    GateSettings current = settings.current();
    if (!current.isActive()) {
      throw new IllegalArgumentException("Mattermost is not configured any more (" + MattermostProperties.SITE_URL
          + " and " + MattermostProperties.BOT_TOKEN + ", or " + MattermostProperties.WEBHOOK_URL + ")");
    }
    return connectionFor(current).client;
  }

  /** One client per connection setting; a change of settings builds a new one. */
  private Connection connectionFor(GateSettings settings) {
    GateSettings.ConnectionKey key = settings.connectionKey();
    Connection current = connection.get();
    if (current != null && current.key.equals(key)) {
      return current;
    }
    Connection created = new Connection(key, client(settings));
    connection.set(created);
    return created;
  }

  private MattermostClient client(GateSettings settings) {
    MattermostClient.Builder builder = MattermostClient.builder()
        .okHttpClient(httpClient)
        .connectTimeout(tuning.connectTimeout())
        .readTimeout(tuning.readTimeout())
        .retryPolicy(tuning.retryPolicy());
    if (settings.botToken().isPresent()) {
      builder.siteUrl(settings.siteUrl().orElseThrow()).token(settings.botToken().get())
          .team(settings.team().orElseThrow());
    } else {
      builder.webhookUrl(settings.webhookUrl().orElseThrow());
    }
    if (settings.caCertificates().isPresent()) {
      try {
        builder.trust(CaTrust.fromPem(settings.caCertificates().get()));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(MattermostProperties.CA_CERTIFICATES + ": " + e.getMessage(), e);
      }
    }
    return builder.build();
  }

  private static final class Connection {
    final GateSettings.ConnectionKey key;
    final MattermostClient client;

    Connection(GateSettings.ConnectionKey key, MattermostClient client) {
      this.key = key;
      this.client = client;
    }
  }

  /** The log lines written after the task is gone: one per alert's fate, one when delivery stops, one when back. */
  private static final class Reports implements DeliveryListener {
    @Override
    public void delivered(Delivery delivery, DeliveryResult result) {
      LOG.info("Mattermost: alert for {} delivered{}", what(delivery),
          result.status() == DeliveryResult.Status.DIGESTED ? " in a digest" : "");
    }

    @Override
    public void failed(Delivery delivery, DeliveryResult result) {
      LOG.warn("Mattermost: alert for {} was not delivered: {}", what(delivery), result.error());
    }

    @Override
    public void dropped(Delivery delivery) {
      LOG.warn("Mattermost: alert for {} dropped unsent: the outbox was full", what(delivery));
    }

    @Override
    public void stoppedWorking(String connection, DeliveryHealth health) {
      LOG.warn("Mattermost: delivery stopped working ({}); alerts wait in the outbox and are retried: {}",
          health.lastError().orElse("no answer"), counts(health));
    }

    @Override
    public void recovered(String connection, DeliveryHealth health) {
      LOG.info("Mattermost: delivery works again: {}", counts(health));
    }

    private static String counts(DeliveryHealth health) {
      return "waiting=" + health.waiting() + ", delivered=" + health.delivered() + ", failed=" + health.failed()
          + ", dropped=" + health.dropped() + ", coalesced=" + health.coalesced() + ", digested="
          + health.digested();
    }

    private static String what(Delivery delivery) {
      return delivery.attributes().getOrDefault(WHAT, delivery.id());
    }
  }
}
