package org.commandcenter.mattermost;

import com.google.gson.JsonElement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * After a restart: reads each channel back from before its oldest resumed delivery and marks what an
 * interrupted attempt already posted (by the marker in its props, or in a digest's list), before anything is
 * sent again. A webhook cannot read back; its deliveries are sent again.
 */
final class ReconcileWork extends EngineWork {
  private static final Logger LOG = Logger.getLogger(DeliveryEngine.class.getName());

  final List<EngineEntry> resumed;
  final Map<String, Delivery> loaded = new HashMap<>();
  String channelId;

  ReconcileWork(EngineLane lane, List<EngineEntry> resumed) {
    super(lane);
    this.resumed = resumed;
  }

  @Override
  AttemptOutcome perform(DeliveryEngine engine) {
    MattermostClient client = null;
    try {
      client = engine.resolve(lane.connection);
      RestApi rest = client.rest();
      if (rest == null || lane.channel == null || resumed.isEmpty()) {
        return AttemptOutcome.done(null, null, Map.of(), client.rateLimit());
      }
      long deadline = client.newDeadline();
      channelId = rest.resolveChannelId(lane.channel, deadline);
      Map<String, Found> found = new HashMap<>();
      Map<String, EngineEntry> byId = new HashMap<>();
      long since = Long.MAX_VALUE;
      for (EngineEntry entry : resumed) {
        byId.put(entry.id, entry);
        since = Math.min(since, entry.submittedAt);
      }
      rest.postsSince(channelId, since - RestApi.CLOCK_SKEW_MILLIS, deadline, post -> {
        String marker = RestApi.markerOf(post);
        String postId = RestApi.string(post, "id");
        String rootId = RestApi.string(post, "root_id");
        if (marker != null) {
          String[] parts = marker.split(":");
          if (parts.length == 3 && byId.containsKey(parts[0])) {
            try {
              found.computeIfAbsent(parts[0], id -> new Found()).parts
                  .computeIfAbsent(Integer.parseInt(parts[1]), step -> new HashMap<>())
                  .put(Integer.parseInt(parts[2]), new String[] {postId, rootId});
            } catch (NumberFormatException notOurs) {
              // Someone else's prop of the same name.
            }
          }
        }
        JsonElement props = post.get("props");
        JsonElement digest = props != null && props.isJsonObject()
            ? props.getAsJsonObject().get(Digests.DIGEST_PROP) : null;
        if (digest != null && digest.isJsonArray()) {
          for (JsonElement id : digest.getAsJsonArray()) {
            if (id.isJsonPrimitive() && byId.containsKey(id.getAsString())) {
              found.computeIfAbsent(id.getAsString(), any -> new Found()).digest =
                  PostResult.of(postId, channelId, null, List.of(postId));
            }
          }
        }
      });
      for (String id : found.keySet()) {
        if (found.get(id).digest == null) {
          Delivery delivery = engine.load(byId.get(id));
          if (delivery != null) {
            loaded.put(id, delivery);
          }
        }
      }
      return AttemptOutcome.done(null, null, found, client.rateLimit());
    } catch (MattermostException | RuntimeException e) {
      return outcomeOf(e, null, client);
    }
  }

  @Override
  void apply(DeliveryEngine engine, AttemptOutcome outcome, List<Runnable> after) {
    EngineConnection connection = engine.connections.get(lane.connection);
    engine.pace(connection, outcome.rateLimit);
    lane.current = null;
    if (outcome.kind == AttemptOutcome.Kind.RETRY) {
      // Nothing is sent before the channel has been read back.
      for (EngineEntry entry : resumed) {
        entry.inProgress = false;
      }
      engine.failedForNow(connection, outcome.error, outcome.retryAfterMillis, after);
      lane.readyAt = connection.retryAt;
      return;
    }
    engine.worked(connection, after);
    lane.reconcile = false;
    for (EngineEntry entry : resumed) {
      entry.inProgress = false;
      if (entry.finished) {
        continue;
      }
      Found found = outcome.found == null ? null : outcome.found.get(entry.id);
      if (found == null) {
        continue; // not posted: it goes as if new (but is never replaced or folded: it was resumed)
      }
      if (found.digest != null) {
        engine.finishDigested(entry, found.digest, after);
        continue;
      }
      Delivery delivery = loaded.get(entry.id);
      if (delivery == null) {
        continue;
      }
      restore(engine, entry, delivery, found);
      if (entry.results.size() == delivery.steps().size()) {
        engine.delivered++;
        engine.finish(entry, delivery, DeliveryResult.delivered(entry.id, entry.results, entry.notices), after);
      }
    }
  }

  /** The steps found posted become done; a create found in part resumes after its last part found. */
  private void restore(DeliveryEngine engine, EngineEntry entry, Delivery delivery, Found found) {
    for (int step = 0; step < delivery.steps().size(); step++) {
      Delivery.Step current = delivery.steps().get(step);
      Map<Integer, String[]> parts = found.parts.get(step);
      if (current.kind() != Delivery.Step.Kind.CREATE || parts == null || !parts.containsKey(0)) {
        return; // not posted (or an update, which is simply done again)
      }
      SendProgress progress = new SendProgress(delivery.id(), step, engine.clock);
      for (int part = 0; parts.containsKey(part); part++) {
        progress.completed(part, parts.get(part)[0], parts.get(part)[1]);
      }
      // A reply's thread is the one it was posted in.
      if (current.post().rootId() != null) {
        progress.threadRoot = current.post().rootId();
      }
      int total = Math.max(1, engine.piecesOf(delivery, current));
      if (progress.completedParts < total) {
        entry.progress.put(step, progress);
        return;
      }
      entry.results.add(PostResult.of(progress.postIds.get(0), channelId, progress.threadRoot, progress.postIds));
    }
  }

  /** What reading a channel back found of a delivery. */
  static final class Found {
    /** Step → part → [post id, root id]. */
    final Map<Integer, Map<Integer, String[]>> parts = new HashMap<>();
    PostResult digest;
  }
}
