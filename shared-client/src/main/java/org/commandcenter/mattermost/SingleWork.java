package org.commandcenter.mattermost;

import java.time.Clock;
import java.util.List;
import java.util.logging.Logger;

/** One delivery on its own: its steps in order, resuming after those already done. */
final class SingleWork extends EngineWork {
  private static final Logger LOG = Logger.getLogger(DeliveryEngine.class.getName());

  final EngineEntry entry;

  SingleWork(EngineLane lane, EngineEntry entry) {
    super(lane);
    this.entry = entry;
  }

  @Override
  AttemptOutcome perform(DeliveryEngine engine) {
    Delivery delivery = engine.load(entry);
    if (delivery == null) {
      return unreadable();
    }
    MattermostClient client = null;
    try {
      client = engine.resolve(delivery.connection());
      List<Delivery.Step> steps = delivery.steps();
      for (int i = entry.results.size(); i < steps.size(); i++) {
        entry.results.add(perform(client, delivery, i, engine.clock));
        entry.progress.remove(i);
      }
      return AttemptOutcome.done(delivery, null, null, client.rateLimit());
    } catch (MattermostException | RuntimeException e) {
      return outcomeOf(e, delivery, client);
    }
  }

  private PostResult perform(MattermostClient client, Delivery delivery, int index, Clock clock)
      throws MattermostException {
    Delivery.Step step = delivery.steps().get(index);
    if (step.kind() == Delivery.Step.Kind.UPDATE) {
      return client.update(step.postId(), step.post());
    }
    Post post = step.post();
    Post.Builder changed = null;
    if (post.channel() == null && delivery.channel() != null) {
      changed = post.newBuilder().channel(delivery.channel());
    }
    if (step.replyTo() >= 0) {
      PostResult parent = entry.results.get(step.replyTo());
      if (parent.postId() == null) {
        throw Checks.invalid("steps[" + index + "].replyTo", "a webhook post has no thread to reply in");
      }
      changed = (changed != null ? changed : post.newBuilder())
          .rootId(parent.rootId() != null ? parent.rootId() : parent.postId());
    }
    if (changed != null) {
      post = changed.build();
    }
    SendProgress progress = entry.progress.computeIfAbsent(index,
        step2 -> new SendProgress(delivery.id(), step2, clock));
    if (post.priority() != null) {
      return client.sendAllowingLessPriority(post, progress, entry.notices::add);
    }
    return client.send(post, progress);
  }

  @Override
  void apply(DeliveryEngine engine, AttemptOutcome outcome, List<Runnable> after) {
    EngineConnection connection = engine.connections.get(lane.connection);
    engine.pace(connection, outcome.rateLimit);
    entry.inProgress = false;
    lane.current = null;
    if (entry.finished) {
      return; // dropped meanwhile? (never while in progress) — defensive
    }
    switch (outcome.kind) {
      case DONE:
        engine.worked(connection, after);
        engine.delivered++;
        if (entry.digestible) {
          lane.posted.addLast(engine.clock.millis());
        }
        engine.finish(entry, outcome.delivery, DeliveryResult.delivered(entry.id, entry.results, entry.notices),
            after);
        break;
      case FAILED:
        if (outcome.connectionWorked) {
          engine.worked(connection, after);
        }
        engine.failed++;
        engine.recordError(outcome.error);
        LOG.warning("Mattermost delivery failed for good (" + entry.describe() + "): " + outcome.error);
        engine.finish(entry, outcome.delivery, DeliveryResult.failed(entry.id, entry.results, outcome.error,
            entry.notices), after);
        break;
      default:
        engine.failedForNow(connection, outcome.error, outcome.retryAfterMillis, after);
        entry.maybePosted |= entry.maybePostedNow();
        if (!entry.results.isEmpty() || entry.maybePosted) {
          lane.current = this; // resumes exactly here, with its progress
          entry.inProgress = true;
        }
        lane.readyAt = connection.retryAt;
        entry.attempted = true;
        DeliveryResult waiting = DeliveryResult.waiting(entry.id, entry.results, outcome.error, entry.notices);
        after.add(() -> entry.submission.attempted(waiting));
    }
  }
}
