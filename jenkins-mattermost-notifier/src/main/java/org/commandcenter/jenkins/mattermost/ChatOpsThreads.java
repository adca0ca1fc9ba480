package org.commandcenter.jenkins.mattermost;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * ChatOps' own threads, made the way Jenkins makes its pools ({@link PluginContext#threadFactory}) and bounded: a
 * burst of clicks queues, and beyond the queue ChatOps answers that Jenkins is busy instead of starting threads
 * without end. Not Jenkins' shared {@code Timer}, whose tasks all run as SYSTEM and must not block.
 */
final class ChatOpsThreads {
  /** Clicks and commands worked on at once; each mostly waits on Jenkins or Mattermost. */
  static final int WORKERS = 4;
  /** Requests waiting for a worker before ChatOps answers "busy". */
  static final int QUEUED = 64;

  private ChatOpsThreads() {
  }

  static ExecutorService workers(PluginContext context) {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(QUEUED), context.threadFactory("Mattermost ChatOps"));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  /** One thread that notices queued builds starting. */
  static ScheduledExecutorService scheduler(PluginContext context) {
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
        context.threadFactory("Mattermost ChatOps builds"));
    scheduler.setRemoveOnCancelPolicy(true);
    return scheduler;
  }
}
