package org.commandcenter.mattermost;

import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/** Several waiting deliveries of one channel as one digest post. */
final class DigestWork extends EngineWork {
  private static final Logger LOG = Logger.getLogger(DeliveryEngine.class.getName());

  final List<EngineEntry> folded;
  final List<Digests.Line> lines;
  final SendProgress progress;
  Post post;

  DigestWork(EngineLane lane, List<EngineEntry> folded, List<Digests.Line> lines, Clock clock) {
    super(lane);
    this.folded = folded;
    this.lines = lines;
    this.progress = new SendProgress(Ids.newId(), 0, clock);
  }

  @Override
  AttemptOutcome perform(DeliveryEngine engine) {
    MattermostClient client = null;
    try {
      if (post == null) {
        Delivery first = engine.load(folded.get(0));
        Post template = first == null ? null : first.steps().get(0).post();
        post = Digests.post(lines, engine.digestThreshold, lane.channel, template);
      }
      client = engine.resolve(lane.connection);
      PostResult result = client.send(post, progress);
      return AttemptOutcome.done(null, result, null, client.rateLimit());
    } catch (MattermostException | RuntimeException e) {
      return outcomeOf(e, null, client);
    }
  }

  @Override
  void apply(DeliveryEngine engine, AttemptOutcome outcome, List<Runnable> after) {
    EngineConnection connection = engine.connections.get(lane.connection);
    engine.pace(connection, outcome.rateLimit);
    lane.current = null;
    switch (outcome.kind) {
      case DONE:
        engine.worked(connection, after);
        lane.posted.addLast(engine.clock.millis());
        for (EngineEntry entry : folded) {
          engine.finishDigested(entry, outcome.digest, after);
        }
        break;
      case FAILED:
        if (outcome.connectionWorked) {
          engine.worked(connection, after);
        }
        // Mattermost refuses the post itself (the channel, the permission): each would fail alike.
        engine.recordError(outcome.error);
        LOG.warning("Mattermost delivery: a digest of " + folded.size() + " deliveries for channel "
            + lane.channel + " failed for good: " + outcome.error);
        for (EngineEntry entry : folded) {
          engine.failed++;
          DeliveryResult result = DeliveryResult.failed(entry.id, List.of(), outcome.error, List.of());
          after.add(() -> {
            Delivery delivery = engine.load(entry);
            if (delivery != null) {
              engine.notifyListeners(listener -> listener.failed(delivery, result));
            }
          });
          engine.finish(entry, null, result, after);
        }
        break;
      default:
        engine.failedForNow(connection, outcome.error, outcome.retryAfterMillis, after);
        boolean maybePosted = progress.completedParts > 0 || progress.unknownSince(0) != 0;
        if (maybePosted) {
          lane.current = this; // the same digest again, never a second one beside it
        } else {
          folded.forEach(entry -> entry.inProgress = false);
        }
        lane.readyAt = connection.retryAt;
        for (EngineEntry entry : folded) {
          if (!entry.attempted) {
            entry.attempted = true;
            DeliveryResult waiting = DeliveryResult.waiting(entry.id, List.of(), outcome.error, List.of());
            after.add(() -> entry.submission.attempted(waiting));
          }
        }
    }
  }
}
