package org.commandcenter.jenkins.mattermost;

import hudson.model.Run;
import hudson.model.queue.QueueTaskFuture;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.commandcenter.notifier.core.ChatOpsException;

/**
 * Tells ChatOps the number of a build it queued once the build starts: the queue item's start condition
 * ({@code QueueTaskFuture.getStartCondition()}) is polled by one scheduler thread for all builds, instead of a thread
 * blocking per waiting build, so builds that wait in the queue for hours hold no thread. What ChatOps does next (a
 * line in the thread) runs on its own workers, never on the scheduler.
 */
final class BuildStarts {
  private static final Logger LOGGER = Logger.getLogger(BuildStarts.class.getName());
  /** Builds watched at once; beyond this a build is queued without a later "started as #n". */
  static final int MAX_WATCHED = 500;
  static final long POLL_MILLIS = 1000;

  private final ScheduledExecutorService scheduler;
  private final Executor workers;
  private final Set<Watch> watched = ConcurrentHashMap.newKeySet();
  private ScheduledFuture<?> polling;

  /**
   * @param scheduler polls the queue (one thread is plenty)
   * @param workers   where the started stage completes, so ChatOps' follow-ups run there
   */
  BuildStarts(ScheduledExecutorService scheduler, Executor workers) {
    this.scheduler = scheduler;
    this.workers = workers;
  }

  /** Completes with the build number when the queued build starts, exceptionally when it leaves the queue unbuilt. */
  CompletionStage<Integer> watch(QueueTaskFuture<?> queued) {
    Watch watch = new Watch(queued.getStartCondition(), new CompletableFuture<>());
    if (watch.start.isDone()) {
      watch.resolve();
      return watch.started;
    }
    if (watched.size() >= MAX_WATCHED) {
      LOGGER.log(Level.INFO, "ChatOps watches {0} queued builds already; this one will not report its number",
          MAX_WATCHED);
      return watch.started;
    }
    watched.add(watch);
    ensurePolling();
    return watch.started;
  }

  private synchronized void ensurePolling() {
    if (polling == null || polling.isDone()) {
      polling = scheduler.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  void poll() {
    for (Watch watch : watched) {
      if (watch.start.isDone()) {
        watched.remove(watch);
        watch.resolve();
      }
    }
  }

  int watching() {
    return watched.size();
  }

  private final class Watch {
    final Future<?> start;
    final CompletableFuture<Integer> started;

    Watch(Future<?> start, CompletableFuture<Integer> started) {
      this.start = start;
      this.started = started;
    }

    /** Only called once {@code start} is done, so {@code get()} does not block. */
    void resolve() {
      Integer number = null;
      Throwable error = null;
      try {
        Object executable = start.get();
        if (executable instanceof Run) {
          number = ((Run<?, ?>) executable).getNumber();
        } else {
          error = new ChatOpsException("Jenkins started something that is not a build: " + executable);
        }
      } catch (CancellationException e) {
        error = new ChatOpsException("The build was taken out of the queue before it started.", e);
      } catch (ExecutionException e) {
        error = new ChatOpsException("The build could not start: " + e.getCause(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        error = e;
      } catch (RuntimeException e) {
        error = e;
      }
      Integer result = number;
      Throwable failure = error;
      Runnable complete = () -> {
        if (failure == null) {
          started.complete(result);
        } else {
          started.completeExceptionally(failure);
        }
      };
      try {
        workers.execute(complete);
      } catch (RejectedExecutionException e) {
        complete.run();
      }
    }
  }
}
