package org.commandcenter.notifier.core.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.commandcenter.mattermost.Delivery;
import org.commandcenter.mattermost.DeliveryEngine;
import org.commandcenter.mattermost.DeliveryResult;
import org.commandcenter.mattermost.MattermostClient;
import org.commandcenter.mattermost.RetryPolicy;
import org.commandcenter.mattermost.Submission;
import org.commandcenter.notifier.core.NotificationLog;
import org.commandcenter.notifier.core.PostRef;
import org.commandcenter.notifier.core.ThreadStore;

/**
 * One notification's way to Mattermost: its deliveries go to the engine at once (durably, when the host's engine
 * has an outbox), and the caller waits for their first attempts until its deadline, never longer; what is not
 * through by then goes on in the engine. Reads a notification needs before it can be written (looking up
 * committers, uploading files) run on the caller's thread, bounded by the same deadline.
 */
public final class Dispatch {
  /** Reads on the caller's thread never take longer than this, whatever the deadline. */
  private static final Duration MAX_READ = Duration.ofSeconds(10);

  private final DeliveryEngine engine;
  private final String connection;
  private final MattermostClient client;
  private final NotificationLog log;
  private final Instant deadline;
  private final Duration budget;
  private final boolean waits;

  /**
   * @param budget the caller's deadline, from now
   * @param waits  whether the caller waits for first attempts (false: it only queues)
   */
  public Dispatch(DeliveryEngine engine, String connection, MattermostClient client, NotificationLog log,
      Duration budget, boolean waits) {
    this.engine = engine;
    this.connection = connection;
    this.client = client;
    this.log = log;
    this.budget = budget;
    this.waits = waits;
    this.deadline = Instant.now().plus(budget);
  }

  /** Whether the caller waits for first attempts; false: what is not done at once goes on in the background. */
  public boolean waits() {
    return waits;
  }

  /** A delivery for this notification's connection. */
  public Delivery.Builder delivery(String channel) {
    return Delivery.builder().connection(connection).channel(channel);
  }

  /** Hands a delivery to the engine; its effects are recorded on {@code store} once it is delivered. */
  public Submission submit(Delivery.Builder delivery, ThreadEffects effects, ThreadStore store) {
    Delivery built = (effects == null || effects.isEmpty() ? delivery : effects.describe(delivery)).build();
    if (effects != null && !effects.isEmpty()) {
      ThreadEffects.live(built.id(), store);
    }
    Submission submission = engine.submit(built);
    submission.outcome().thenAccept(result -> ThreadEffects.forget(result.deliveryId()));
    if (effects != null) {
      effects.pending(submission);
    }
    return submission;
  }

  /**
   * The build's thread root in {@code channel}: the one {@code store} knows, or, while this process still sends
   * the delivery that creates it (a "started" notification queued a moment ago), the one it records once its first
   * attempt is over — waited for within the deadline. Then a completion updates the "started" post instead of
   * making a second root. Should that attempt outlast the deadline, the completion is sent as a new root: it
   * replaces the "started" one if that is still unsent, else both roots stay (docs/jenkins.md, Outbox).
   */
  public Optional<PostRef> buildThread(ThreadStore store, String job, int build, String channel) {
    Optional<PostRef> known = store.buildThread(channel);
    Submission pending = ThreadEffects.pendingRoot(job, build, channel);
    if (known.isPresent() || pending == null || !waits) {
      return known;
    }
    long waitMillis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    try {
      pending.firstAttempt().get(waitMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // Still under way: decided below with what is known.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a delivery's future never fails", e);
    }
    return store.buildThread(channel);
  }

  public Submission submit(Delivery.Builder delivery) {
    return submit(delivery, null, null);
  }

  /**
   * The first attempt of each submission, in order, or empty for those still under way at the deadline (then
   * logged once). An interrupted caller (an aborted build) gets what is done at once.
   */
  public List<Optional<DeliveryResult>> firstAttempts(List<Submission> submissions) {
    List<Optional<DeliveryResult>> results = new ArrayList<>();
    boolean late = false;
    boolean interrupted = false;
    for (Submission submission : submissions) {
      Optional<DeliveryResult> result = Optional.empty();
      if (!waits) {
        result = Optional.ofNullable(submission.firstAttempt().getNow(null));
      } else if (!interrupted) {
        long waitMillis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        try {
          result = Optional.of(submission.firstAttempt().get(waitMillis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
          late = true;
        } catch (InterruptedException e) {
          // The build is being aborted: give its thread back at once; the delivery goes on.
          Thread.currentThread().interrupt();
          interrupted = true;
        } catch (ExecutionException e) {
          throw new IllegalStateException("a delivery's future never fails", e);
        }
      } else {
        result = Optional.ofNullable(submission.firstAttempt().getNow(null));
      }
      results.add(result);
    }
    if (late) {
      log.line(NotificationLog.PREFIX + "No answer from Mattermost within " + seconds(budget)
          + "; the build goes on and the notification is still being sent in the background");
    }
    return results;
  }

  /**
   * A client for reads on the caller's thread: one attempt, within what is left of the deadline; empty when
   * nothing is left or Mattermost is known to be unreachable (a read would only wait for its timeout).
   */
  public Optional<MattermostClient> reader() {
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero() || engine.isUnreachable(connection)) {
      return Optional.empty();
    }
    return Optional.of(client.newBuilder()
        .retryPolicy(RetryPolicy.noRetries(left.compareTo(MAX_READ) < 0 ? left : MAX_READ)).build());
  }

  public static String seconds(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
  }
}
