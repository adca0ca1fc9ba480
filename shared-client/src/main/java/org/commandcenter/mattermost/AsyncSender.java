package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers posts in the background so a build or analysis never waits on chat. {@link #submit}
 * waits at most the hand-off time for room in a bounded queue. Posts go out in the order they were
 * submitted: one that still fails with a retryable error after the client's own retries is held at
 * the head of the queue and redelivered later, and the posts behind it wait (a channel's
 * "started" never lands after its "failed", and an outage costs one post's retries, not every
 * queued post's). Every outcome completes the returned future and is counted in {@link #stats()}.
 */
public final class AsyncSender implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AsyncSender.class.getName());
  /** Put in the queue by close() to end the worker's wait at once. */
  private static final Delivery WAKE_UP = new Delivery(null, null);

  private final MattermostClient client;
  private final Duration handOffTimeout;
  private final int redeliveries;
  private final Duration redeliveryDelay;
  private final Duration closeTimeout;

  /** Capacity counts queued, in-flight and held posts alike. */
  private final Semaphore capacity;
  private final BlockingDeque<Delivery> queue = new LinkedBlockingDeque<>();
  /** The post at the head that failed and waits for its redelivery; only the worker sets it. */
  private volatile Delivery held;
  private final Thread worker;
  private volatile boolean closed;

  private final AtomicLong submitted = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();

  private AsyncSender(Builder builder) {
    this.client = builder.client;
    this.handOffTimeout = builder.handOffTimeout;
    this.redeliveries = builder.redeliveries;
    this.redeliveryDelay = builder.redeliveryDelay;
    this.closeTimeout = builder.closeTimeout;
    this.capacity = new Semaphore(builder.capacity);
    this.worker = new Thread(this::run, "mattermost-async-sender");
    this.worker.setDaemon(true);
    this.worker.start();
  }

  public static Builder builder(MattermostClient client) {
    return new Builder(client);
  }

  /**
   * Queues a post. Never blocks longer than the hand-off time: if the queue stays full, or the
   * sender is closed, the future completes exceptionally at once and the post counts as dropped.
   */
  public CompletableFuture<PostResult> submit(Post post) {
    requireNonNull(post, "post == null");
    CompletableFuture<PostResult> future = new CompletableFuture<>();
    if (closed) {
      dropped.incrementAndGet();
      future.completeExceptionally(new MattermostException("not queued: the sender is closed"));
      return future;
    }
    boolean acquired;
    try {
      acquired = capacity.tryAcquire(handOffTimeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      dropped.incrementAndGet();
      future.completeExceptionally(new MattermostException(
          "not queued: the queue stayed full for " + handOffTimeout.toMillis() + " ms", 0, null, null,
          null, true, null));
      return future;
    }
    submitted.incrementAndGet();
    queue.add(new Delivery(post, future));
    if (closed && !worker.isAlive()) {
      failRemaining(); // Lost the race with close(): nothing will ever take it.
    }
    return future;
  }

  public DeliveryStats stats() {
    return new DeliveryStats(submitted.get(), delivered.get(), failed.get(), dropped.get(), retried.get());
  }

  /**
   * Stops accepting posts and gives queued ones up to the close timeout to be delivered; whatever
   * is left then fails (its future completes exceptionally and it counts as failed).
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(WAKE_UP);
    LockSupport.unpark(worker); // ends a wait for a held post's redelivery
    try {
      worker.join(closeTimeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      worker.interrupt();
      try {
        worker.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    failRemaining();
  }

  private void run() {
    try {
      while (true) {
        Delivery delivery = next();
        if (delivery == null) {
          return;
        }
        deliver(delivery);
      }
    } catch (InterruptedException e) {
      // close() gave up waiting; leftovers are failed by close().
    }
  }

  /** The next delivery in submission order, or null once closed and drained. */
  private Delivery next() throws InterruptedException {
    while (true) {
      Delivery head = held;
      if (head != null) {
        long waitNanos = head.dueNanos - System.nanoTime();
        // On close, a held post is tried at once rather than after its delay.
        if (waitNanos <= 0 || closed) {
          held = null;
          return head;
        }
        LockSupport.parkNanos(this, waitNanos); // close() unparks us earlier
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        continue;
      }
      if (closed && queue.isEmpty()) {
        return null;
      }
      // No timed wait needed: close() sets closed before it queues WAKE_UP.
      Delivery delivery = queue.take();
      if (delivery != WAKE_UP) {
        return delivery;
      }
    }
  }

  private void deliver(Delivery delivery) throws InterruptedException {
    try {
      PostResult result = client.send(delivery.post, delivery.progress);
      delivered.incrementAndGet();
      capacity.release();
      delivery.future.complete(result);
    } catch (MattermostException e) {
      if (Thread.currentThread().isInterrupted()) {
        queue.addFirst(delivery);
        throw new InterruptedException();
      }
      if (e.isRetryable() && delivery.attempts < redeliveries && !closed) {
        delivery.attempts++;
        delivery.dueNanos = System.nanoTime() + redeliveryDelay.toNanos() * delivery.attempts;
        retried.incrementAndGet();
        LOG.log(Level.FINE, "delivery failed, will try again later: {0}", e.getMessage());
        held = delivery;
      } else {
        fail(delivery, e);
      }
    } catch (RuntimeException e) {
      // A post the client refuses (e.g. a webhook asked to reply in a thread) is a caller bug.
      fail(delivery, e);
    }
  }

  private void fail(Delivery delivery, Exception cause) {
    failed.incrementAndGet();
    capacity.release();
    LOG.log(Level.WARNING, "Mattermost delivery failed: {0}", cause.getMessage());
    delivery.future.completeExceptionally(cause);
  }

  private void failRemaining() {
    Delivery delivery = held;
    held = null;
    if (delivery != null) {
      failClosed(delivery);
    }
    while ((delivery = queue.poll()) != null) {
      if (delivery != WAKE_UP) {
        failClosed(delivery);
      }
    }
  }

  private void failClosed(Delivery delivery) {
    fail(delivery, new MattermostException("not delivered: the sender was closed first", 0, null, null,
        null, true, null));
  }

  private static final class Delivery {
    final Post post;
    final CompletableFuture<PostResult> future;
    final SendProgress progress = new SendProgress();
    int attempts;
    long dueNanos;

    Delivery(Post post, CompletableFuture<PostResult> future) {
      this.post = post;
      this.future = future;
    }
  }

  public static final class Builder {
    private final MattermostClient client;
    private int capacity = 1000;
    private Duration handOffTimeout = Duration.ofMillis(100);
    private int redeliveries = 3;
    private Duration redeliveryDelay = Duration.ofSeconds(30);
    private Duration closeTimeout = Duration.ofSeconds(10);

    Builder(MattermostClient client) {
      this.client = requireNonNull(client, "client == null");
    }

    /** Posts that may be queued, in flight or awaiting redelivery at once. Default 1000. */
    public Builder capacity(int capacity) {
      if (capacity < 1) {
        throw Checks.invalid("capacity", "must be at least 1");
      }
      this.capacity = capacity;
      return this;
    }

    /** The longest {@link #submit} waits for room. Default 100 ms; zero never waits. */
    public Builder handOffTimeout(Duration handOffTimeout) {
      requireNonNull(handOffTimeout, "handOffTimeout == null");
      if (handOffTimeout.isNegative()) {
        throw Checks.invalid("handOffTimeout", "must not be negative");
      }
      this.handOffTimeout = handOffTimeout;
      return this;
    }

    /**
     * Later rounds for a post that failed with a retryable error after the client's retries; the posts
     * behind it wait meanwhile. Default 3.
     */
    public Builder redeliveries(int redeliveries) {
      if (redeliveries < 0) {
        throw Checks.invalid("redeliveries", "must not be negative");
      }
      this.redeliveries = redeliveries;
      return this;
    }

    /** Wait before the first redelivery, growing linearly. Default 30 s. */
    public Builder redeliveryDelay(Duration redeliveryDelay) {
      requireNonNull(redeliveryDelay, "redeliveryDelay == null");
      if (redeliveryDelay.isNegative()) {
        throw Checks.invalid("redeliveryDelay", "must not be negative");
      }
      this.redeliveryDelay = redeliveryDelay;
      return this;
    }

    /** How long {@link #close()} lets queued posts drain. Default 10 s. */
    public Builder closeTimeout(Duration closeTimeout) {
      requireNonNull(closeTimeout, "closeTimeout == null");
      if (closeTimeout.isNegative()) {
        throw Checks.invalid("closeTimeout", "must not be negative");
      }
      this.closeTimeout = closeTimeout;
      return this;
    }

    public AsyncSender build() {
      return new AsyncSender(this);
    }
  }
}
