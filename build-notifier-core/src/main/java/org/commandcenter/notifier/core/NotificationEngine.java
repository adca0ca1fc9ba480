package org.commandcenter.notifier.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.notifier.core.build.BuildDelivery;
import org.commandcenter.notifier.core.build.EventDecider;
import org.commandcenter.notifier.core.step.StepDelivery;

/**
 * The one engine behind the freestyle notifier, the Pipeline {@code post} step and {@code mattermostSend}:
 * decides, renders and delivers. It never throws into the build unless the caller asked for {@code failOnError},
 * and never holds the caller longer than the deadline; delivery that takes longer goes on in the background.
 */
public final class NotificationEngine {
  private static final ExecutorService SHARED_EXECUTOR = Executors.newCachedThreadPool(new DaemonThreads());

  private final MattermostClient client;
  private final ThreadStore threadStore;
  private final NotificationLog log;
  private final ExecutorService executor;

  private NotificationEngine(Builder builder) {
    this.client = builder.client;
    this.threadStore = builder.threadStore;
    this.log = new SafeLog(builder.log);
    this.executor = builder.executor;
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
    BuildDelivery delivery = new BuildDelivery(client, threadStore, log, config);
    NotifyOutcome outcome = withDeadline(config.deadline(), () -> delivery.deliver(facts),
        error -> error == null
            ? new NotifyOutcome(decide(facts, config), List.of(), Map.of(), true)
            : new NotifyOutcome(decide(facts, config), List.of(), Map.of("", error), false));
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
    StepDelivery delivery = new StepDelivery(client, log, request);
    SendResponse response = withDeadline(request.deadline(), delivery::deliver,
        error -> SendResponse.failed(error != null ? error : "Mattermost did not answer within "
            + seconds(request.deadline()) + "; the message is still being sent in the background"));
    if (!response.sent() && request.failOnError()) {
      throw new NotificationException(response.error());
    }
    return response;
  }

  /** Runs {@code work} on the executor; on timeout or an unexpected error asks {@code fallback} for a result. */
  private <T> T withDeadline(Duration deadline, Callable<T> work, Fallback<T> fallback) {
    Future<T> future = executor.submit(work);
    try {
      return future.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      log.line(NotificationLog.PREFIX + "No answer from Mattermost within " + seconds(deadline)
          + "; the build goes on and the notification is still being sent in the background");
      return fallback.apply(null);
    } catch (InterruptedException e) {
      // The build was aborted: let the notification finish on its own, give the thread back at once.
      Thread.currentThread().interrupt();
      return fallback.apply(null);
    } catch (ExecutionException e) {
      // Deliveries catch their own errors; anything left is a bug: report it, never throw it into the build.
      String error = "unexpected error: " + e.getCause();
      log.line(NotificationLog.PREFIX + "Notification failed with an " + error);
      return fallback.apply(error);
    } catch (RejectedExecutionException e) {
      return fallback.apply("the notifier's executor refused the notification");
    }
  }

  private static String failureMessage(NotifyOutcome outcome, Duration deadline) {
    if (outcome.timedOut()) {
      return "Mattermost notification did not complete within " + seconds(deadline);
    }
    StringBuilder message = new StringBuilder("Mattermost notification failed");
    outcome.failures().forEach((channel, error) -> message.append(channel.isEmpty()
        ? "; default channel: " : "; channel " + channel + ": ").append(error));
    return message.toString();
  }

  static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
  }

  /** The result when the work did not finish: {@code error} is null for a timeout. */
  @FunctionalInterface
  private interface Fallback<T> {
    T apply(String error);
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

  private static final class DaemonThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable runnable) {
      Thread thread = new Thread(runnable, "mattermost-notifier-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    }
  }

  public static final class Builder {
    private MattermostClient client;
    private ThreadStore threadStore = ThreadStore.none();
    private NotificationLog log = NotificationLog.none();
    private ExecutorService executor = SHARED_EXECUTOR;

    Builder() {}

    Builder(NotificationEngine engine) {
      this.client = engine.client;
      this.threadStore = engine.threadStore;
      this.log = ((SafeLog) engine.log).delegate;
      this.executor = engine.executor;
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

    /** Where deliveries run; default a shared pool of daemon threads. */
    public Builder executor(ExecutorService executor) {
      this.executor = requireNonNull(executor, "executor == null");
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
