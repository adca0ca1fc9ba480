package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers posts in the background so a build or analysis never waits on chat. {@link #submit}
 * waits at most the hand-off time for room in a bounded queue; a post that still fails after the
 * client's own retries is queued again for later redeliveries before it counts as failed. Every
 * outcome completes the returned future and is counted in {@link #stats()}.
 */
public final class AsyncSender implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AsyncSender.class.getName());
  private static final long IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
  /** Put in the queue by close() to end the worker's wait at once. */
  private static final Delivery WAKE_UP = new Delivery(null, null);

  private final MattermostClient client;
  private final Duration handOffTimeout;
  private final int redeliveries;
  private final Duration redeliveryDelay;
  private final Duration closeTimeout;

  /** Capacity counts queued, in-flight and waiting-for-redelivery posts alike. */
  private final Semaphore capacity;
  private final BlockingQueue<Delivery> ready = new LinkedBlockingQueue<>();
  private final DelayQueue<Delivery> waiting = new DelayQueue<>();
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
    ready.add(new Delivery(post, future));
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
    ready.add(WAKE_UP);
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

  /** The next delivery, or null once closed and drained. */
  private Delivery next() throws InterruptedException {
    while (true) {
      Delivery due = waiting.poll();
      if (due != null) {
        return due;
      }
      if (closed && ready.isEmpty()) {
        // On close, waiting redeliveries are tried at once rather than after their delay.
        return takeAnyWaiting();
      }
      // Sleep until the next redelivery is due (at most a second); close() wakes us earlier.
      Delivery head = waiting.peek();
      long waitNanos = head == null ? IDLE_WAIT_NANOS
          : Math.min(IDLE_WAIT_NANOS, Math.max(0, head.getDelay(TimeUnit.NANOSECONDS)));
      Delivery delivery = ready.poll(waitNanos, TimeUnit.NANOSECONDS);
      if (delivery != null && delivery != WAKE_UP) {
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
        ready.add(delivery);
        throw new InterruptedException();
      }
      if (e.isRetryable() && delivery.attempts < redeliveries && !closed) {
        delivery.attempts++;
        delivery.dueNanos = System.nanoTime() + redeliveryDelay.toNanos() * delivery.attempts;
        retried.incrementAndGet();
        LOG.log(Level.FINE, "delivery failed, will try again later: {0}", e.getMessage());
        waiting.add(delivery);
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
    Delivery delivery;
    while ((delivery = ready.poll()) != null) {
      if (delivery != WAKE_UP) {
        failClosed(delivery);
      }
    }
    while ((delivery = takeAnyWaiting()) != null) {
      failClosed(delivery);
    }
  }

  /** A waiting delivery whether due or not (DelayQueue.poll only hands out due ones), or null. */
  private Delivery takeAnyWaiting() {
    for (Delivery delivery : waiting) {
      if (waiting.remove(delivery)) {
        return delivery;
      }
    }
    return null;
  }

  private void failClosed(Delivery delivery) {
    fail(delivery, new MattermostException("not delivered: the sender was closed first", 0, null, null,
        null, true, null));
  }

  private static final class Delivery implements Delayed {
    final Post post;
    final CompletableFuture<PostResult> future;
    final SendProgress progress = new SendProgress();
    int attempts;
    long dueNanos;

    Delivery(Post post, CompletableFuture<PostResult> future) {
      this.post = post;
      this.future = future;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(dueNanos, ((Delivery) other).dueNanos);
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

    /** Later rounds for a post that failed with a retryable error after the client's retries. Default 3. */
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
