package org.commandcenter.mattermost;

import java.util.concurrent.CompletableFuture;

/**
 * A delivery the engine accepted. Both futures complete normally with a {@link DeliveryResult}, never
 * exceptionally; waiting on them is the caller's choice (a build waits for the first attempt up to its deadline, a
 * SonarQube task not at all).
 */
public final class Submission {
  private final String deliveryId;
  private final CompletableFuture<DeliveryResult> firstAttempt = new CompletableFuture<>();
  private final CompletableFuture<DeliveryResult> outcome = new CompletableFuture<>();

  Submission(String deliveryId) {
    this.deliveryId = deliveryId;
  }

  public String deliveryId() {
    return deliveryId;
  }

  /**
   * Completes when the first attempt is over: delivered, refused for good, or {@link DeliveryResult.Status#WAITING}
   * with the reason when the engine will try again. Also completes when the delivery was dropped, replaced, withdrawn or
   * folded into a digest before any attempt of its own, and with {@link DeliveryResult.Status#QUEUED} when a storm
   * holds it back to go out in a digest.
   */
  public CompletableFuture<DeliveryResult> firstAttempt() {
    return firstAttempt.copy(); // completing the copy cannot complete ours
  }

  /**
   * Completes for good: delivered, digested, failed, dropped, replaced or withdrawn. When the engine closes first it completes
   * with {@link DeliveryResult.Status#WAITING}: a durable outbox keeps the delivery for the next start.
   */
  public CompletableFuture<DeliveryResult> outcome() {
    return outcome.copy();
  }

  void attempted(DeliveryResult result) {
    firstAttempt.complete(result);
  }

  void finished(DeliveryResult result) {
    firstAttempt.complete(result);
    outcome.complete(result);
  }

  @Override
  public String toString() {
    DeliveryResult done = outcome.getNow(null);
    return "Submission{" + deliveryId + (done != null ? " " + done.status() : "") + "}";
  }
}
