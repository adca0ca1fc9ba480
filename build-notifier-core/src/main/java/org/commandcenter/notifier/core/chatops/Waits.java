package org.commandcenter.notifier.core.chatops;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting a little for something Jenkins does anyway, without ever holding Mattermost past its patience. */
final class Waits {
  private Waits() {}

  /** The value if it arrives within {@code wait}, else null (also when it failed: the caller reports that later). */
  static <T> T within(CompletionStage<T> stage, Duration wait) {
    try {
      return stage.toCompletableFuture().get(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }
}
