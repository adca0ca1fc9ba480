package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.commandcenter.mattermost.DeliveryEngine;
import org.commandcenter.mattermost.DeliveryListener;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.notifier.core.build.BuildDelivery;
import org.commandcenter.notifier.core.build.EventDecider;
import org.commandcenter.notifier.core.delivery.DefaultDelivery;
import org.commandcenter.notifier.core.delivery.Dispatch;
import org.commandcenter.notifier.core.delivery.ThreadEffects;
import org.commandcenter.notifier.core.step.StepDelivery;

/**
 * The one engine behind the freestyle notifier, the Pipeline {@code post} step and {@code mattermostSend}:
 * decides, renders and delivers. Deliveries go through the client's {@link DeliveryEngine} — ordered per channel,
 * bounded, with fixed threads, and durable when the host plugs in an engine with an outbox — and the caller waits
 * for their first attempt up to its deadline, never longer; what is not through by then goes on in the delivery
 * engine. It never throws into the build unless the caller asked for {@code failOnError}.
 *
 * <p>Without {@link Builder#delivery(DeliveryEngine, String)} the notifications go through one in-memory engine
 * shared by the process (nothing survives a restart). A host with a durable outbox builds its own engine, adds
 * {@link #deliveryListener(ThreadStoreLocator)} to it, starts it, and names the connection of each notification.
 */
public final class NotificationEngine {
  private final MattermostClient client;
  private final ThreadStore threadStore;
  private final NotificationLog log;
  private final DeliveryEngine deliveryEngine;
  private final String connection;

  private NotificationEngine(Builder builder) {
    this.client = builder.client;
    this.threadStore = builder.threadStore;
    this.log = new SafeLog(builder.log);
    this.deliveryEngine = builder.deliveryEngine;
    this.connection = builder.connection;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder newBuilder() {
    return new Builder(this);
  }

  public MattermostClient client() {
    return client;
  }

  public ThreadStore threadStore() {
    return threadStore;
  }

  /**
   * What a host's delivery engine needs so that build notifications record their threads (the build's root post,
   * the job's open incident) when they are delivered — also those resumed from a durable outbox after a restart,
   * whose builds {@code locator} finds again. Add it to the engine before starting it.
   */
  public static DeliveryListener deliveryListener(ThreadStoreLocator locator) {
    requireNonNull(locator, "locator == null");
    return ThreadEffects.listener(locator);
  }

  /** Which event, if any, the build's state calls for under this configuration. Pure; no I/O. */
  public static Optional<BuildEvent> decide(BuildFacts facts, NotifyConfig config) {
    requireNonNull(facts, "facts == null");
    requireNonNull(config, "config == null");
    return EventDecider.decide(facts, config);
  }

  /**
   * Notifies about a build: call it when the build starts ({@code result == null}) and when it completes.
   *
   * @throws NotificationException only when {@code config.failOnError()} and some channel was not notified
   */
  public NotifyOutcome notify(BuildFacts facts, NotifyConfig config) throws NotificationException {
    requireNonNull(facts, "facts == null");
    requireNonNull(config, "config == null");
    NotifyOutcome outcome;
    try {
      outcome = new BuildDelivery(client, threadStore, log, config,
          dispatch(config.deadline(), config.waitForDelivery())).deliver(facts);
    } catch (RuntimeException e) {
      // Deliveries catch their own errors; anything left is a bug: report it, never throw it into the build.
      String error = "unexpected error: " + e;
      log.line(NotificationLog.PREFIX + "Notification failed with an " + error);
      outcome = new NotifyOutcome(decide(facts, config), List.of(), Map.of("", error), false);
    }
    if (config.failOnError() && !outcome.isSuccessful()) {
      throw new NotificationException(failureMessage(outcome, config.deadline()));
    }
    return outcome;
  }

  /**
   * Sends what {@code mattermostSend} asked for.
   *
   * @throws NotificationException only when {@code request.failOnError()} and the message was not sent
   */
  public SendResponse send(SendRequest request) throws NotificationException {
    requireNonNull(request, "request == null");
    SendResponse response;
    try {
      response = new StepDelivery(client, log, request, dispatch(request.deadline(), true)).deliver();
    } catch (RuntimeException e) {
      String error = "unexpected error: " + e;
      log.line(NotificationLog.PREFIX + "Notification failed with an " + error);
      response = SendResponse.failed(error);
    }
    if (!response.sent() && request.failOnError()) {
      throw new NotificationException(response.error());
    }
    return response;
  }

  private Dispatch dispatch(Duration deadline, boolean waits) {
    DeliveryEngine engine = deliveryEngine != null ? deliveryEngine : DefaultDelivery.engine();
    String key = connection != null ? connection : DefaultDelivery.connection(client);
    return new Dispatch(engine, key, client, log, deadline, waits);
  }

  private static String failureMessage(NotifyOutcome outcome, Duration deadline) {
    if (outcome.timedOut() && outcome.failures().isEmpty()) {
      return "Mattermost notification did not complete within " + seconds(deadline);
    }
    StringBuilder message = new StringBuilder("Mattermost notification failed");
    outcome.failures().forEach((channel, error) -> message.append(channel.isEmpty()
        ? "; default channel: " : "; channel " + channel + ": ").append(error));
    return message.toString();
  }

  static String seconds(Duration duration) {
    return Dispatch.seconds(duration);
  }

  /** A log that never lets a broken console (e.g. a finished build's closed stream) break delivery. */
  private static final class SafeLog implements NotificationLog {
    private final NotificationLog delegate;

    SafeLog(NotificationLog delegate) {
      this.delegate = delegate;
    }

    @Override
    public void line(String text) {
      try {
        delegate.line(text);
      } catch (RuntimeException ignored) {
        // The console is gone; nothing better to do with a status line.
      }
    }
  }

  public static final class Builder {
    private MattermostClient client;
    private ThreadStore threadStore = ThreadStore.none();
    private NotificationLog log = NotificationLog.none();
    private DeliveryEngine deliveryEngine;
    private String connection;

    Builder() {}

    Builder(NotificationEngine engine) {
      this.client = engine.client;
      this.threadStore = engine.threadStore;
      this.log = ((SafeLog) engine.log).delegate;
      this.deliveryEngine = engine.deliveryEngine;
      this.connection = engine.connection;
    }

    /** Required: the client built from the global configuration (token or webhook). */
    public Builder client(MattermostClient client) {
      this.client = requireNonNull(client, "client == null");
      return this;
    }

    public Builder threadStore(ThreadStore threadStore) {
      this.threadStore = requireNonNull(threadStore, "threadStore == null");
      return this;
    }

    /** The build's console, e.g. {@code listener.getLogger()::println}. */
    public Builder log(NotificationLog log) {
      this.log = requireNonNull(log, "log == null");
      return this;
    }

    /**
     * Delivers through the host's engine (e.g. one with a durable outbox) under the connection key its resolver
     * turns into this engine's {@link #client(MattermostClient) client} (or an equivalent one: same site and
     * credential). The key is written to the outbox: a name, never a secret. Default: the process's shared
     * in-memory engine.
     */
    public Builder delivery(DeliveryEngine engine, String connection) {
      this.deliveryEngine = requireNonNull(engine, "engine == null");
      this.connection = requireNonNull(connection, "connection == null");
      return this;
    }

    public NotificationEngine build() {
      if (client == null) {
        throw Checks.invalid("client", "must be set");
      }
      return new NotificationEngine(this);
    }
  }
}
