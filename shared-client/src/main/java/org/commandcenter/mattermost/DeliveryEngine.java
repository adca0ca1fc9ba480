package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers {@link Delivery deliveries} to Mattermost in the background: ordered per channel, bounded, counted,
 * and, with a durable {@link Outbox}, surviving restarts. One engine serves a whole host (a Jenkins, a SonarQube
 * Compute Engine) with a fixed number of threads, however many notifications wait.
 *
 * <ul>
 *   <li><b>Order.</b> Deliveries of one channel (of one connection) go out one after another in the order they
 *       were submitted; a delivery that fails holds the ones behind it until it goes through or fails for good.
 *   <li><b>Durable.</b> With {@link Outbox#directory}, {@link #submit} returns once the delivery is on disk; it is
 *       removed when delivered. {@link #start()} resumes what an earlier engine left, in order, after reading each
 *       channel back so that nothing an interrupted attempt already posted is posted again.
 *   <li><b>Nothing twice.</b> Every post carries its delivery's id in its props and a pending_post_id derived from
 *       it; a repeat after an unknown outcome is dropped by the server within its 30 s window and, after that,
 *       first looked for in the channel ({@code GET /api/v4/channels/{id}/posts?since=}). Updates are idempotent.
 *       An incoming webhook cannot be read back: after a response lost in transit, a webhook post may be repeated
 *       once.
 *   <li><b>Storms.</b> When more than {@link Builder#digestThreshold} deliveries with a summary wait for one
 *       channel (a backlog after an outage), they go out as one digest post, one line each, linked, worst first.
 *       Once that many posts went to the channel within {@link Builder#stormWindow} (many jobs failing at once),
 *       the next ones are gathered for {@link Builder#digestDelay} into one digest (sooner when a digest is full).
 *       A newer delivery with the same {@link Delivery#coalesceKey()} replaces a waiting one. Requests are spaced
 *       by Mattermost's {@code X-RateLimit-Remaining}/{@code X-RateLimit-Reset}.
 *   <li><b>Conditions.</b> A delivery with a {@link Delivery#condition()} is first checked by the host's
 *       {@link Builder#condition DeliveryCondition} on a delivery thread (its channel waits meanwhile), and withdrawn
 *       unsent when the condition no longer holds: what the host can only find out slowly is not its caller's wait.
 *   <li><b>Bounded.</b> At most {@link Builder#capacity} deliveries wait; when full, the oldest waiting one is
 *       dropped, logged and counted. Failures are retried with growing delays (one probe per connection at a time)
 *       until they work, fail for good, or {@link #retryNow()} cuts the wait.
 * </ul>
 *
 * <p>A host wires it once and shares it:
 *
 * <pre>{@code
 * DeliveryEngine engine = DeliveryEngine.builder(key -> clients.forKey(key))   // key -> MattermostClient
 *     .outbox(Outbox.directory(home.resolve("mattermost-notifier/outbox")))
 *     .addListener(new DeliveryListener() {                                    // health for administrators
 *       public void stoppedWorking(String key, DeliveryHealth health) { ... }
 *       public void recovered(String key, DeliveryHealth health) { ... }
 *     })
 *     .build();
 * engine.start();                                     // resumes what the last run left
 * Submission sent = engine.submit(Delivery.builder().connection("global").channel("builds").post(post).build());
 * DeliveryResult first = sent.firstAttempt().get(30, TimeUnit.SECONDS);
 * engine.health();                                    // waiting, delivered, failed, ..., unreachable since
 * engine.retryNow();                                  // an administrator's "Retry now"
 * engine.close();                                     // at shutdown; what waits stays in the outbox
 * }</pre>
 */
public final class DeliveryEngine implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DeliveryEngine.class.getName());
  /** A test clock is polled this often; the system clock is waited on exactly. */
  private static final long TEST_CLOCK_POLL_MILLIS = 5;

  private enum State { NEW, STARTED, CLOSED }

  private final ClientResolver resolver;
  private final Outbox outbox;
  private final int capacity;
  private final int workerCount;
  final int digestThreshold;
  private final int maxDigestLines;
  private final long stormWindowMillis;
  private final long digestDelayMillis;
  private final long initialRetryDelayMillis;
  private final long maxRetryDelayMillis;
  private final Duration closeTimeout;
  final Clock clock;
  private final boolean systemClock;
  private final List<DeliveryListener> listeners;
  private final DeliveryCondition condition;
  private final ThreadFactory threadFactory;

  private final Object lock = new Object();
  final Map<String, EngineConnection> connections = new HashMap<>();
  private final Map<String, EngineLane> lanes = new HashMap<>();
  private final Map<String, EngineEntry> entries = new HashMap<>();
  private final TreeMap<Long, EngineEntry> bySequence = new TreeMap<>();
  private final PriorityQueue<EngineLane> ready = new PriorityQueue<>(
      Comparator.comparingLong((EngineLane lane) -> lane.readyAt).thenComparingLong(lane -> lane.order));
  private final List<Thread> workers = new ArrayList<>();
  /** Completions decided under the lock, run by a worker after leaving it (never a caller's code under our lock). */
  private final List<Runnable> deferred = new ArrayList<>();
  private JournalStore store;
  private State state = State.NEW;
  private long nextSequence = 1;
  private long nextLaneOrder;
  private int busyWorkers;
  long delivered;
  long failed;
  private long dropped;
  private long coalesced;
  long digested;
  private String lastError;
  private Instant lastErrorAt;

  private DeliveryEngine(Builder builder) {
    this.resolver = builder.resolver;
    this.outbox = builder.outbox;
    this.capacity = builder.capacity;
    this.workerCount = builder.workers;
    this.digestThreshold = builder.digestThreshold;
    this.maxDigestLines = builder.maxDigestLines;
    this.stormWindowMillis = builder.stormWindow.toMillis();
    this.digestDelayMillis = builder.digestDelay.toMillis();
    this.initialRetryDelayMillis = builder.initialRetryDelay.toMillis();
    this.maxRetryDelayMillis = builder.maxRetryDelay.toMillis();
    this.closeTimeout = builder.closeTimeout;
    this.clock = builder.clock;
    this.systemClock = builder.clock.equals(Clock.systemUTC()) || builder.clock.equals(Clock.systemDefaultZone());
    this.listeners = List.copyOf(builder.listeners);
    this.condition = builder.condition;
    this.threadFactory = builder.threadFactory != null ? builder.threadFactory : defaultThreadFactory();
  }

  /** Daemon threads named {@code mattermost-delivery-N}: the engine never keeps a host's JVM alive. */
  private static ThreadFactory defaultThreadFactory() {
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = new Thread(task, "mattermost-delivery-" + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  /** @param resolver the host's way from a connection key to a client, asked before every attempt */
  public static Builder builder(ClientResolver resolver) {
    return new Builder(resolver);
  }

  public Outbox outbox() {
    return outbox;
  }

  /**
   * Opens the outbox, takes up what an earlier engine left in it (in order; unreadable entries moved aside with a
   * log line) and starts delivering. Call it once the host can resolve connections (Jenkins: after its jobs are
   * loaded).
   *
   * @throws IOException when the outbox cannot be opened (e.g. another engine uses the directory)
   */
  public void start() throws IOException {
    synchronized (lock) {
      if (state != State.NEW) {
        throw new IllegalStateException(state == State.CLOSED ? "closed" : "already started");
      }
      store = outbox.open();
      if (store != null) {
        resume(store.takeRecovered());
        // The first submit is often a build's or an analysis's: load what encoding needs now, not on its time.
        Delivery sample = Delivery.builder().connection("warm-up").post(Post.builder().text("warm-up")
                .addAttachment(Attachment.builder().title("warm-up").addField(Field.of("a", "b", true)).build())
                .priority(Priority.important()).build())
            .summary(Delivery.Summary.of(Delivery.Severity.ERROR, "warm-up", null))
            .attribute("warm-up", "warm-up").build();
        DeliveryCodec.encode(sample, 0, 0);
        new Submission(sample.id()).finished(DeliveryResult.queued(sample.id()));
      }
      for (int i = 0; i < workerCount; i++) {
        Thread worker = threadFactory.newThread(this::work);
        if (worker == null) {
          workers.clear();
          throw new IllegalStateException("threadFactory: returned no thread");
        }
        workers.add(worker);
      }
      state = State.STARTED;
      workers.forEach(Thread::start);
      lock.notifyAll();
    }
  }

  /**
   * Takes a delivery: with a durable outbox it is on disk when this returns (a fraction of a millisecond). Never
   * waits for Mattermost. When the outbox is full, the oldest waiting delivery makes room (dropped, logged,
   * counted). After {@link #close()} the delivery is refused: its futures complete with
   * {@link DeliveryResult.Status#FAILED}.
   *
   * @throws IllegalStateException before {@link #start()}
   * @throws IllegalArgumentException when the delivery is larger than the outbox takes
   */
  public Submission submit(Delivery delivery) {
    requireNonNull(delivery, "delivery == null");
    Submission submission = new Submission(delivery.id());
    long sequence;
    long now;
    synchronized (lock) {
      if (state == State.NEW) {
        throw new IllegalStateException("start() the delivery engine before submitting");
      }
      if (state == State.CLOSED) {
        submission.finished(DeliveryResult.failed(delivery.id(), List.of(), "not queued: the delivery engine is "
            + "closed", List.of()));
        return submission;
      }
      sequence = nextSequence++;
      now = clock.millis();
    }
    JournalStore.Location location = null;
    Delivery inMemory = delivery;
    JournalStore journal = store;
    if (journal != null) {
      byte[] bytes = DeliveryCodec.encode(delivery, sequence, now);
      try {
        location = journal.put(delivery.id(), bytes);
        inMemory = null;
      } catch (IOException e) {
        // Not durable, but not lost while this process lives.
        LOG.log(Level.WARNING, "Mattermost outbox: cannot write a delivery to " + outbox
            + ", keeping it in memory only: " + e);
        synchronized (lock) {
          recordError("outbox not writable: " + e.getMessage());
        }
      }
    }
    List<Runnable> after = new ArrayList<>();
    synchronized (lock) {
      EngineEntry entry = new EngineEntry(delivery, inMemory, location, sequence, now, submission, false);
      if (state == State.CLOSED) {
        // Lost the race with close(): a durable entry waits for the next start.
        submission.finished(DeliveryResult.waiting(delivery.id(), List.of(), "the delivery engine closed",
            List.of()));
        return submission;
      }
      admit(entry, after);
    }
    runAll(after);
    return submission;
  }

  /** Waiting deliveries, counts since the start, and whether Mattermost answers. */
  public DeliveryHealth health() {
    synchronized (lock) {
      Instant unreachableSince = null;
      for (EngineConnection connection : connections.values()) {
        if (connection.unreachableSince != null
            && (unreachableSince == null || connection.unreachableSince.isBefore(unreachableSince))) {
          unreachableSince = connection.unreachableSince;
        }
      }
      Map.Entry<Long, EngineEntry> oldest = bySequence.firstEntry();
      return new DeliveryHealth(entries.size(), delivered, failed, dropped, coalesced, digested, unreachableSince,
          lastError, lastErrorAt, oldest == null ? null : Instant.ofEpochMilli(oldest.getValue().submittedAt));
    }
  }

  /** Whether the last attempt with {@code connection} failed (and none worked since). */
  public boolean isUnreachable(String connection) {
    requireNonNull(connection, "connection == null");
    synchronized (lock) {
      EngineConnection state = connections.get(connection);
      return state != null && state.unreachableSince != null;
    }
  }

  /** Ends every wait before a retry: what waits is tried now (an administrator's "Retry now"). */
  public void retryNow() {
    synchronized (lock) {
      long now = clock.millis();
      for (EngineConnection connection : connections.values()) {
        connection.retryAt = 0;
        connection.nextSendAt = 0;
      }
      for (EngineLane lane : lanes.values()) {
        if (lane.hasWork()) {
          schedule(lane, now);
        }
      }
      lock.notifyAll();
    }
  }

  /**
   * Stops: attempts under way may end (up to the close timeout), nothing new starts. What waits stays in a
   * durable outbox for the next start; in memory it is lost, and its futures complete with
   * {@link DeliveryResult.Status#FAILED}.
   */
  @Override
  public void close() {
    List<Thread> running;
    synchronized (lock) {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      running = new ArrayList<>(workers);
      lock.notifyAll();
    }
    long deadline = System.nanoTime() + closeTimeout.toNanos();
    for (Thread worker : running) {
      try {
        worker.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    for (Thread worker : running) {
      worker.interrupt();
    }
    List<EngineEntry> left;
    synchronized (lock) {
      left = new ArrayList<>(bySequence.values());
    }
    boolean durable = store != null;
    for (EngineEntry entry : left) {
      entry.submission.finished(durable && entry.location != null
          ? DeliveryResult.waiting(entry.id, entry.results, "stays in the outbox for the next start", entry.notices)
          : DeliveryResult.failed(entry.id, entry.results, "not delivered: the delivery engine was closed first",
              entry.notices));
    }
    if (store != null) {
      try {
        store.close();
      } catch (IOException e) {
        LOG.log(Level.WARNING, "Mattermost outbox: cannot close " + outbox, e);
      }
    }
  }

  @Override
  public String toString() {
    return "DeliveryEngine{" + outbox + ", " + health() + "}";
  }

  // ---- taking deliveries in (under the lock) -------------------------------------------------------------------

  private void admit(EngineEntry entry, List<Runnable> after) {
    EngineLane lane = lane(entry.connection, entry.channel);
    if (entry.coalesceKey != null) {
      for (EngineEntry waiting : new ArrayList<>(lane.waiting.values())) {
        if (entry.coalesceKey.equals(waiting.coalesceKey) && waiting.isReplaceable()) {
          finish(waiting, null, DeliveryResult.coalesced(waiting.id, entry.id), after);
          coalesced++;
        }
      }
    }
    while (entries.size() >= capacity) {
      EngineEntry oldest = oldestDroppable();
      if (oldest == null) {
        break;
      }
      dropped++;
      LOG.warning("Mattermost delivery: the outbox holds " + capacity + " deliveries; dropped the oldest waiting one"
          + " (" + oldest.describe() + ") to make room. Dropped so far: " + dropped);
      EngineEntry dropping = oldest;
      // Read before it leaves the outbox (finish removes it).
      after.add(() -> {
        Delivery delivery = load(dropping);
        if (delivery != null) {
          notifyListeners(listener -> listener.dropped(delivery));
        }
      });
      finish(oldest, null, DeliveryResult.dropped(oldest.id), after);
    }
    enqueue(entry, lane);
    EngineConnection connection = connections.get(entry.connection);
    if (connection.unreachableSince != null) {
      // No attempt is coming soon: whoever waits for the first one hears why at once.
      reportWaiting(entry, connection, after);
    }
    if (!lane.busy) {
      schedule(lane, clock.millis());
    }
  }

  /** Makes {@code entry} one of the waiting, at its place in {@code lane}; {@link #finish} undoes it. */
  private void enqueue(EngineEntry entry, EngineLane lane) {
    entries.put(entry.id, entry);
    bySequence.put(entry.sequence, entry);
    lane.waiting.put(entry.sequence, entry);
    entry.lane = lane;
    if (entry.conditional) {
      lane.unchecked++;
    }
  }

  /** The first attempt of {@code entry} is not coming soon: Mattermost does not answer. */
  private void reportWaiting(EngineEntry entry, EngineConnection connection, List<Runnable> after) {
    if (entry.attempted) {
      return;
    }
    entry.attempted = true;
    DeliveryResult waiting = DeliveryResult.waiting(entry.id, List.of(), "Mattermost is not answering ("
        + connection.lastError + "); queued", List.of());
    after.add(() -> entry.submission.attempted(waiting));
  }

  private EngineEntry oldestDroppable() {
    for (EngineEntry entry : bySequence.values()) {
      if (!entry.inProgress) {
        return entry;
      }
    }
    return null;
  }

  private EngineLane lane(String connection, String channel) {
    String key = connection + '\n' + (channel == null ? "" : channel);
    EngineLane lane = lanes.get(key);
    if (lane == null) {
      lane = new EngineLane(connection, channel, nextLaneOrder++);
      lanes.put(key, lane);
      connections.computeIfAbsent(connection, EngineConnection::new).lanes.add(lane);
    }
    return lane;
  }

  private void resume(List<JournalStore.Recovered> recovered) {
    List<EngineEntry> resumed = new ArrayList<>();
    for (JournalStore.Recovered record : recovered) {
      DeliveryCodec.Stored stored;
      try {
        stored = DeliveryCodec.decode(record.bytes());
        if (!stored.delivery().id().equals(record.id())) {
          throw new IllegalArgumentException("its id does not match its journal record");
        }
      } catch (IllegalArgumentException e) {
        store.moveAside(record.id(), record.bytes(), e.getMessage());
        continue;
      }
      Delivery delivery = stored.delivery();
      EngineEntry entry = new EngineEntry(delivery, null, record.location(), stored.sequence(), stored.createdAtMillis(),
          new Submission(delivery.id()), true);
      resumed.add(entry);
    }
    resumed.sort(Comparator.comparingLong(entry -> entry.sequence));
    for (EngineEntry entry : resumed) {
      nextSequence = Math.max(nextSequence, entry.sequence + 1);
      EngineLane lane = lane(entry.connection, entry.channel);
      enqueue(entry, lane);
      lane.reconcile = true;
      schedule(lane, clock.millis());
    }
    if (!resumed.isEmpty()) {
      LOG.info("Mattermost delivery: resuming " + resumed.size() + " deliveries from " + outbox);
    }
  }

  // ---- the workers ---------------------------------------------------------------------------------------------

  private void work() {
    while (true) {
      EngineWork work;
      List<Runnable> decided;
      synchronized (lock) {
        work = next();
        decided = new ArrayList<>(deferred);
        deferred.clear();
        if (work != null && work != EngineWork.NOTHING) {
          busyWorkers++;
        }
      }
      runAll(decided);
      if (work == null) {
        return;
      }
      if (work == EngineWork.NOTHING) {
        continue;
      }
      AttemptOutcome outcome;
      try {
        outcome = work.perform(this);
      } catch (RuntimeException | Error e) {
        LOG.log(Level.SEVERE, "Mattermost delivery: unexpected failure", e);
        outcome = AttemptOutcome.failedForGood(null, "unexpected failure: " + e);
      }
      List<Runnable> after = new ArrayList<>();
      synchronized (lock) {
        busyWorkers--;
        work.apply(this, outcome, after);
        work.lane.busy = false;
        if (work.lane.hasWork() && !work.lane.queued) {
          schedule(work.lane, Math.max(work.lane.readyAt, clock.millis()));
        }
        lock.notifyAll();
      }
      runAll(after);
      JournalStore journal = store;
      if (journal != null) {
        journal.maintain();
      }
    }
  }

  /** The next work whose time has come, waiting for it; null when closed. */
  private EngineWork next() {
    while (true) {
      if (state == State.CLOSED || Thread.currentThread().isInterrupted()) {
        return null;
      }
      long now = clock.millis();
      EngineLane lane = ready.peek();
      if (lane != null && lane.readyAt <= now) {
        ready.poll();
        lane.queued = false;
        EngineWork work = plan(lane, now);
        if (work != null) {
          lane.busy = true;
          return work;
        }
        continue;
      }
      if (!deferred.isEmpty()) {
        return EngineWork.NOTHING; // the worker runs them outside the lock, then comes back
      }
      long waitMillis = lane == null ? Long.MAX_VALUE : lane.readyAt - now;
      if (!systemClock) {
        waitMillis = Math.min(waitMillis, TEST_CLOCK_POLL_MILLIS);
      }
      try {
        lock.wait(waitMillis == Long.MAX_VALUE ? 0 : Math.max(1, waitMillis));
      } catch (InterruptedException e) {
        return null;
      }
    }
  }

  /** What to do for {@code lane} now, or null when it must wait (then it is scheduled again) or has nothing. */
  private EngineWork plan(EngineLane lane, long now) {
    if (lane.unchecked > 0 && !lane.reconcile) {
      // Conditions need no Mattermost: settled first, even during an outage, so that a withdrawn delivery neither
      // holds back the ones behind it nor counts towards a digest.
      for (EngineEntry entry : lane.waiting.values()) {
        if (entry.awaitsConditionCheck() && !entry.inProgress) {
          entry.inProgress = true;
          return new ConditionWork(lane, entry);
        }
      }
    }
    EngineConnection connection = connections.get(lane.connection);
    long blockedUntil = Math.max(connection.retryAt, connection.nextSendAt);
    if (now < blockedUntil) {
      schedule(lane, blockedUntil);
      return null;
    }
    if (lane.current != null) {
      return lane.current;
    }
    if (lane.reconcile) {
      List<EngineEntry> resumed = new ArrayList<>();
      for (EngineEntry entry : lane.waiting.values()) {
        if (entry.resumed) {
          resumed.add(entry);
          entry.inProgress = true;
        }
      }
      lane.current = new ReconcileWork(lane, resumed);
      return lane.current;
    }
    if (lane.waiting.isEmpty()) {
      return null;
    }
    EngineEntry head = lane.waiting.firstEntry().getValue();
    if (head.isFoldable()) {
      List<EngineEntry> run = new ArrayList<>();
      int foldable = 0;
      boolean leading = true;
      for (EngineEntry entry : lane.waiting.values()) {
        if (entry.isFoldable()) {
          foldable++;
          if (leading && run.size() < maxDigestLines) {
            run.add(entry);
          }
        } else {
          leading = false; // a digest never jumps over another post
        }
      }
      // A storm: more waiting than the threshold, or that many posts went out just now (one by one or as digests).
      boolean stormy = lane.recentPosts(now - stormWindowMillis) >= digestThreshold;
      if (foldable > digestThreshold || stormy) {
        List<Digests.Line> lines = new ArrayList<>();
        for (EngineEntry entry : run) {
          lines.add(new Digests.Line(entry.id, entry.sequence, entry.summary));
        }
        int fitting = run.size() < 2 ? run.size() : Digests.fitting(lines, maxDigestLines);
        boolean full = fitting >= 2 && (fitting < run.size() || fitting >= maxDigestLines);
        long gatherUntil = head.submittedAt + digestDelayMillis;
        if (stormy && !full && now < gatherUntil) {
          // Gather what comes for a moment: one digest instead of many small ones. Whoever waits for a first
          // attempt need not wait for these: they go out with the digest.
          for (EngineEntry entry : run) {
            if (!entry.attempted) {
              entry.attempted = true;
              DeliveryResult queued = DeliveryResult.queued(entry.id);
              deferred.add(() -> entry.submission.attempted(queued));
            }
          }
          schedule(lane, gatherUntil);
          return null;
        }
        if (fitting >= 2) {
          List<EngineEntry> folded = new ArrayList<>(run.subList(0, fitting));
          folded.forEach(entry -> entry.inProgress = true);
          lane.current = new DigestWork(lane, folded, new ArrayList<>(lines.subList(0, fitting)), clock);
          return lane.current;
        }
      }
    }
    head.inProgress = true;
    lane.current = new SingleWork(lane, head);
    return lane.current;
  }

  private void schedule(EngineLane lane, long at) {
    if (lane.busy) {
      lane.readyAt = at;
      return;
    }
    if (lane.queued) {
      if (at >= lane.readyAt) {
        return;
      }
      ready.remove(lane);
    }
    lane.readyAt = at;
    lane.queued = true;
    ready.add(lane);
    lock.notifyAll();
  }

  // ---- outcomes (under the lock) -------------------------------------------------------------------------------

  /** Ends an entry that went out as a line of {@code digest}: counted, finished, its listeners told. */
  void finishDigested(EngineEntry entry, PostResult digest, List<Runnable> after) {
    delivered++;
    digested++;
    DeliveryResult result = DeliveryResult.digested(entry.id, digest);
    after.add(() -> {
      Delivery delivery = load(entry);
      if (delivery != null) {
        notifyListeners(listener -> listener.delivered(delivery, result));
      }
    });
    finish(entry, null, result, after);
  }

  /** Ends an entry: out of every queue, out of the outbox, its futures completed, the listeners told. */
  void finish(EngineEntry entry, Delivery delivery, DeliveryResult result, List<Runnable> after) {
    entries.remove(entry.id);
    bySequence.remove(entry.sequence);
    if (entry.lane != null) {
      entry.lane.waiting.remove(entry.sequence);
      if (entry.awaitsConditionCheck()) {
        entry.lane.unchecked--;
      }
    }
    entry.finished = true;
    JournalStore journal = store;
    if (journal != null && entry.location != null) {
      after.add(() -> {
        try {
          journal.remove(entry.id);
        } catch (IOException e) {
          LOG.log(Level.WARNING, "Mattermost outbox: cannot remove a finished delivery from " + outbox
              + "; it may be sent again (and then found already delivered) after a restart", e);
        }
      });
    }
    // Listeners first: whoever waits for the outcome finds what they recorded (a thread, a log line).
    if (delivery != null && (result.isDelivered() || result.status() == DeliveryResult.Status.FAILED
        || result.status() == DeliveryResult.Status.WITHDRAWN)) {
      after.add(() -> notifyListeners(listener -> {
        if (result.isDelivered()) {
          listener.delivered(delivery, result);
        } else if (result.status() == DeliveryResult.Status.WITHDRAWN) {
          listener.withdrawn(delivery);
        } else {
          listener.failed(delivery, result);
        }
      }));
    }
    after.add(() -> entry.submission.finished(result));
  }

  void worked(EngineConnection connection, List<Runnable> after) {
    connection.failures = 0;
    connection.retryAt = 0;
    if (connection.unreachableSince != null) {
      connection.unreachableSince = null;
      long now = clock.millis();
      for (EngineLane lane : connection.lanes) {
        if (lane.hasWork()) {
          schedule(lane, now);
        }
      }
      // The counts as they are once this attempt is accounted for (taken after the lock is left).
      after.add(() -> {
        DeliveryHealth health = health();
        notifyListeners(listener -> listener.recovered(connection.key, health));
      });
    }
  }

  void failedForNow(EngineConnection connection, String error, long retryAfterMillis, List<Runnable> after) {
    long now = clock.millis();
    connection.failures++;
    recordError(error);
    long delay = retryAfterMillis > 0 ? retryAfterMillis : backoffMillis(connection.failures);
    connection.retryAt = now + delay;
    connection.lastError = error;
    if (connection.unreachableSince == null) {
      connection.unreachableSince = Instant.ofEpochMilli(now);
      after.add(() -> {
        DeliveryHealth health = health();
        notifyListeners(listener -> listener.stoppedWorking(connection.key, health));
      });
    }
    for (EngineLane lane : connection.lanes) {
      for (EngineEntry entry : lane.waiting.values()) {
        if (!entry.inProgress) {
          reportWaiting(entry, connection, after);
        }
      }
    }
  }

  private long backoffMillis(int failures) {
    double base = initialRetryDelayMillis * Math.pow(2, Math.min(30, failures - 1));
    long capped = (long) Math.min(base, maxRetryDelayMillis);
    // Up to a tenth less, so that engines that failed together do not all come back at once.
    return capped - (long) (capped * 0.1 * ThreadLocalRandom.current().nextDouble());
  }

  void recordError(String error) {
    lastError = error;
    lastErrorAt = Instant.ofEpochMilli(clock.millis());
  }

  /** Spaces the next requests of a connection by what Mattermost's rate limiter said last. */
  void pace(EngineConnection connection, RateLimitStatus status) {
    if (status == null) {
      return;
    }
    long spacing = status.spacingMillis(Math.max(1, status.limit() / 10));
    connection.nextSendAt = spacing > 0 ? clock.millis() + spacing : 0;
  }

  // ---- helpers -------------------------------------------------------------------------------------------------

  /** Under the lock. */
  boolean isClosed() {
    return state == State.CLOSED;
  }

  /** Whether {@code delivery}'s condition holds: the host's answer; yes when there is no one to ask or it fails. */
  boolean conditionHolds(Delivery delivery) {
    if (condition == null) {
      LOG.warning("Mattermost delivery: " + delivery + " has a condition, but the engine has no DeliveryCondition"
          + " to check it; sending it");
      return true;
    }
    try {
      return condition.holds(delivery);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Mattermost delivery: checking the condition of " + delivery + " failed; sending it",
          e);
      return true;
    }
  }

  MattermostClient resolve(String connection) throws MattermostException {
    MattermostClient client = resolver.resolve(connection);
    if (client == null) {
      throw new IllegalStateException("no Mattermost connection '" + connection + "' is configured");
    }
    return client;
  }

  /** The entry's delivery, from memory or from the outbox; null when it cannot be read (it is moved aside). */
  Delivery load(EngineEntry entry) {
    Delivery delivery = entry.delivery;
    if (delivery != null) {
      return delivery;
    }
    JournalStore journal = store;
    byte[] bytes = null;
    try {
      bytes = journal.read(entry.location);
      return DeliveryCodec.decode(bytes).delivery();
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      if (journal != null && bytes != null) {
        journal.moveAside(entry.id, bytes, String.valueOf(e.getMessage()));
      } else {
        LOG.log(Level.WARNING, "Mattermost outbox: cannot read delivery " + entry.id, e);
      }
      return null;
    }
  }

  void notifyListeners(java.util.function.Consumer<DeliveryListener> call) {
    for (DeliveryListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Mattermost delivery: a listener failed", e);
      }
    }
  }

  private static void runAll(List<Runnable> actions) {
    for (Runnable action : actions) {
      try {
        action.run();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "Mattermost delivery: unexpected failure after a delivery", e);
      }
    }
  }


  /** How many posts a create step's text becomes with the client it is sent with. */
  int piecesOf(Delivery delivery, Delivery.Step step) {
    try {
      return resolve(delivery.connection()).pieces(step.post().text()).size();
    } catch (MattermostException | RuntimeException e) {
      return 1;
    }
  }

  public static final class Builder {
    private final ClientResolver resolver;
    private Outbox outbox = Outbox.inMemory();
    private int capacity = 10_000;
    private int workers = 2;
    private int digestThreshold = 5;
    private int maxDigestLines = 100;
    private Duration stormWindow = Duration.ofMinutes(1);
    private Duration digestDelay = Duration.ofSeconds(10);
    private Duration initialRetryDelay = Duration.ofSeconds(1);
    private Duration maxRetryDelay = Duration.ofMinutes(1);
    private Duration closeTimeout = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();
    private ThreadFactory threadFactory;
    private DeliveryCondition condition;
    private final List<DeliveryListener> listeners = new ArrayList<>();

    Builder(ClientResolver resolver) {
      this.resolver = requireNonNull(resolver, "resolver == null");
    }

    /** Where waiting deliveries are kept; default {@link Outbox#inMemory()}. */
    public Builder outbox(Outbox outbox) {
      this.outbox = requireNonNull(outbox, "outbox == null");
      return this;
    }

    /** Deliveries that may wait at once; when full, the oldest waiting one is dropped. Default 10,000. */
    public Builder capacity(int capacity) {
      if (capacity < 1) {
        throw Checks.invalid("capacity", "must be at least 1");
      }
      this.capacity = capacity;
      return this;
    }

    /** Threads that send (each channel is sent by one at a time). Default 2. */
    public Builder workers(int workers) {
      if (workers < 1 || workers > 64) {
        throw Checks.invalid("workers", "must be 1 to 64");
      }
      this.workers = workers;
      return this;
    }

    /**
     * More deliveries with a summary than this waiting for one channel go out as a digest post; after this many
     * posts to a channel within the storm window, the next are gathered into digests. Default 5.
     */
    public Builder digestThreshold(int digestThreshold) {
      if (digestThreshold < 1) {
        throw Checks.invalid("digestThreshold", "must be at least 1");
      }
      this.digestThreshold = digestThreshold;
      return this;
    }

    /** Lines in one digest post at most (fewer when they would not fit in one post). Default 100. */
    public Builder maxDigestLines(int maxDigestLines) {
      if (maxDigestLines < 2) {
        throw Checks.invalid("maxDigestLines", "must be at least 2");
      }
      this.maxDigestLines = maxDigestLines;
      return this;
    }

    /** How far back "that many posts went to the channel" looks. Default 1 minute. */
    public Builder stormWindow(Duration stormWindow) {
      this.stormWindow = positive("stormWindow", stormWindow);
      return this;
    }

    /** During a storm, how long a notification waits for others to share its digest. Default 10 s. */
    public Builder digestDelay(Duration digestDelay) {
      this.digestDelay = notNegative("digestDelay", digestDelay);
      return this;
    }

    /** The wait after the first failure, doubling with each further one. Default 1 s. */
    public Builder initialRetryDelay(Duration initialRetryDelay) {
      this.initialRetryDelay = positive("initialRetryDelay", initialRetryDelay);
      return this;
    }

    /** The longest wait between attempts while Mattermost fails. Default 1 minute. */
    public Builder maxRetryDelay(Duration maxRetryDelay) {
      this.maxRetryDelay = positive("maxRetryDelay", maxRetryDelay);
      return this;
    }

    /** How long {@link #close()} lets attempts under way finish. Default 5 s. */
    public Builder closeTimeout(Duration closeTimeout) {
      this.closeTimeout = notNegative("closeTimeout", closeTimeout);
      return this;
    }

    /** The engine's time, for retry delays, storms and read-back windows; tests pass one they advance. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Makes the engine's worker threads, e.g. a host's own (Jenkins: named, with its class loader as the context
     * loader). Make them daemon threads: {@link #close()} stops them, but a host that never closes must still be able
     * to exit. Default: daemon threads named {@code mattermost-delivery-N}.
     */
    public Builder threadFactory(ThreadFactory threadFactory) {
      this.threadFactory = requireNonNull(threadFactory, "threadFactory == null");
      return this;
    }

    /** Checks the {@link Delivery#condition() conditions} of conditional deliveries before they are sent. */
    public Builder condition(DeliveryCondition condition) {
      this.condition = requireNonNull(condition, "condition == null");
      return this;
    }

    public Builder addListener(DeliveryListener listener) {
      this.listeners.add(requireNonNull(listener, "listener == null"));
      return this;
    }

    public DeliveryEngine build() {
      if (maxRetryDelay.compareTo(initialRetryDelay) < 0) {
        throw Checks.invalid("maxRetryDelay", "must not be less than initialRetryDelay");
      }
      return new DeliveryEngine(this);
    }

    private static Duration positive(String field, Duration value) {
      requireNonNull(value, field + " == null");
      if (value.isNegative() || value.isZero()) {
        throw Checks.invalid(field, "must be positive");
      }
      return value;
    }

    private static Duration notNegative(String field, Duration value) {
      requireNonNull(value, field + " == null");
      if (value.isNegative()) {
        throw Checks.invalid(field, "must not be negative");
      }
      return value;
    }
  }
}
