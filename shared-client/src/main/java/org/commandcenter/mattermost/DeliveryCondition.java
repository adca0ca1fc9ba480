package org.commandcenter.mattermost;

/**
 * The host's answer whether a {@link Delivery} with a {@link Delivery#condition() condition} is still to be sent.
 * Given to {@link DeliveryEngine.Builder#condition(DeliveryCondition)}.
 */
@FunctionalInterface
public interface DeliveryCondition {

  /**
   * Called on a delivery thread, outside the engine's lock, before the delivery's first attempt (and again after a
   * restart if it was not sent by then). It may take a while: only the delivery's channel waits for it. An exception
   * counts as "holds": a failing check never loses a delivery.
   */
  boolean holds(Delivery delivery);
}
