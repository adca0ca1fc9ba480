package org.commandcenter.mattermost;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A delivery the engine holds: its metadata always, its content only when the outbox is in memory. Its flags are
 * guarded by the engine's lock; its results and progress belong to the one worker that has it in progress.
 */
final class EngineEntry {
  final String id;
  final String connection;
  final String channel;
  final String coalesceKey;
  final Delivery.Summary summary;
  final boolean digestible;
  /** Has a {@link Delivery#condition()} the host must confirm before the first attempt. */
  final boolean conditional;
  final long sequence;
  final long submittedAt;
  final Submission submission;
  final boolean resumed;
  final Delivery delivery;
  final JournalStore.Location location;
  /** Written by the one worker that has the entry, read by others: copy-on-write. */
  final List<PostResult> results = new CopyOnWriteArrayList<>();
  final List<String> notices = new CopyOnWriteArrayList<>();
  /** Per step, the progress of a create under way (kept across attempts). */
  final Map<Integer, SendProgress> progress = new HashMap<>();
  EngineLane lane;
  boolean inProgress;
  boolean attempted;
  boolean finished;
  /** An attempt's outcome is unknown: it may have posted, so it is never folded into a digest. */
  boolean maybePosted;
  /** Its condition was found to hold (in this run: after a restart it is asked again). */
  boolean conditionChecked;

  EngineEntry(Delivery delivery, Delivery inMemory, JournalStore.Location location, long sequence, long submittedAt,
      Submission submission, boolean resumed) {
    this.id = delivery.id();
    this.connection = delivery.connection();
    this.channel = delivery.channel();
    this.coalesceKey = delivery.coalesceKey();
    this.summary = delivery.summary();
    this.digestible = delivery.isDigestible();
    this.conditional = delivery.condition() != null;
    this.delivery = inMemory;
    this.location = location;
    this.sequence = sequence;
    this.submittedAt = submittedAt;
    this.submission = submission;
    this.resumed = resumed;
  }

  /** Nothing of it can have reached Mattermost: it may still be replaced, dropped or folded. */
  boolean isReplaceable() {
    return !inProgress && results.isEmpty() && !maybePosted && !resumed;
  }

  boolean isFoldable() {
    return digestible && isReplaceable();
  }

  boolean awaitsConditionCheck() {
    return conditional && !conditionChecked;
  }

  boolean maybePostedNow() {
    for (Map.Entry<Integer, SendProgress> step : progress.entrySet()) {
      SendProgress sendProgress = step.getValue();
      if (sendProgress.completedParts > 0 || sendProgress.unknownSince(sendProgress.completedParts) != 0) {
        return true;
      }
    }
    return false;
  }

  String describe() {
    return (summary != null ? summary.text() + ", " : "") + "channel " + (channel == null ? "(webhook's own)"
        : channel) + ", delivery " + id;
  }
}
