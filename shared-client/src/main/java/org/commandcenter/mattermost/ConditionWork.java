package org.commandcenter.mattermost;

import java.util.List;

/**
 * Asks the host whether a conditional delivery is still to be sent. Sends nothing, so it is never the lane's
 * {@code current} work (which an attempt waiting to be retried may hold).
 */
final class ConditionWork extends EngineWork {
  final EngineEntry entry;
  /** Set by {@link #perform} and read by {@link #apply}, on the same worker thread. */
  private boolean holds = true;

  ConditionWork(EngineLane lane, EngineEntry entry) {
    super(lane);
    this.entry = entry;
  }

  @Override
  AttemptOutcome perform(DeliveryEngine engine) {
    Delivery delivery = engine.load(entry);
    if (delivery == null) {
      return unreadable();
    }
    holds = engine.conditionHolds(delivery);
    return AttemptOutcome.done(delivery, null, null, null);
  }

  @Override
  void apply(DeliveryEngine engine, AttemptOutcome outcome, List<Runnable> after) {
    entry.inProgress = false;
    if (entry.finished || engine.isClosed()) {
      return; // after close the outbox is shut: the entry waits there and is checked again at the next start
    }
    if (outcome.kind == AttemptOutcome.Kind.FAILED) {
      engine.failed++;
      engine.recordError(outcome.error);
      engine.finish(entry, null, DeliveryResult.failed(entry.id, List.of(), outcome.error, List.of()), after);
    } else if (holds) {
      entry.conditionChecked = true;
      lane.unchecked--;
    } else {
      engine.finish(entry, outcome.delivery, DeliveryResult.withdrawn(entry.id), after);
    }
  }
}
