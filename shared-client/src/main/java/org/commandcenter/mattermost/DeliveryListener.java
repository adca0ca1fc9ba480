package org.commandcenter.mattermost;

/**
 * Hears what a {@link DeliveryEngine} does, including for deliveries resumed from the outbox after a restart (whose
 * submitters are gone): the place to record what a delivery created, using its {@link Delivery#attributes()}, and
 * to tell an administrator that delivery stopped working. Called on the engine's threads, after the fact; keep it
 * short. An exception it throws is logged and otherwise ignored.
 */
public interface DeliveryListener {
  /** Delivered: every step carried out, or folded into a digest ({@link DeliveryResult#digest()}). */
  default void delivered(Delivery delivery, DeliveryResult result) {}

  /** Refused for good; {@link DeliveryResult#posts()} holds the steps carried out before. */
  default void failed(Delivery delivery, DeliveryResult result) {}

  /** Withdrawn unsent: its {@link Delivery#condition() condition} no longer held when it was due. */
  default void withdrawn(Delivery delivery) {}

  /** Dropped unsent because the outbox was full and it was the oldest waiting. */
  default void dropped(Delivery delivery) {}

  /** The first failure after deliveries to {@code connection} worked (or since the start). */
  default void stoppedWorking(String connection, DeliveryHealth health) {}

  /** The first delivery to {@code connection} that worked again after {@link #stoppedWorking}. */
  default void recovered(String connection, DeliveryHealth health) {}
}
