package org.commandcenter.mattermost;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How far one logical send got, kept across retries and redeliveries of the same post so a later attempt neither
 * repeats the parts already posted nor loses the thread they started.
 *
 * <p>Every part carries a marker in its props ({@value #MARKER_PROP} = {@code deliveryId:step:part}) and a
 * pending_post_id derived from that marker, so a part whose answer was lost is recognised: by the server's
 * de-duplication while it remembers the id, and by reading the channel back before any repeat after an unknown
 * outcome ({@link RestApi}).
 */
final class SendProgress {
  /** The prop that names the delivery, step and part of every post this client creates over REST. */
  static final String MARKER_PROP = "command_center_delivery";

  final String deliveryId;
  final int step;
  final Clock clock;
  final List<String> postIds = new ArrayList<>();
  int completedParts;
  String threadRoot;
  /** Wall-clock millis of the first attempt of each part whose outcome is unknown; 0 when none is. */
  private long[] unknownSince = new long[1];

  /** A send of its own: a fresh delivery id, the system clock. */
  SendProgress() {
    this(Ids.newId(), 0, Clock.systemUTC());
  }

  SendProgress(String deliveryId, int step, Clock clock) {
    this.deliveryId = deliveryId;
    this.step = step;
    this.clock = clock;
  }

  String marker(int part) {
    return deliveryId + ':' + step + ':' + part;
  }

  /**
   * The same for every attempt of a part, also in another JVM after a restart: the delivery's own random id for its
   * first post, an id derived from the marker for the others.
   */
  String pendingPostId(int part) {
    return step == 0 && part == 0 ? deliveryId : Ids.derivedId(marker(part));
  }

  /** When the first attempt of {@code part} whose outcome is unknown began, or 0. */
  long unknownSince(int part) {
    return part < unknownSince.length ? unknownSince[part] : 0;
  }

  /** An attempt of {@code part} that began at {@code startedMillis} may have created the post, or not. */
  void outcomeUnknown(int part, long startedMillis) {
    grow(part);
    if (unknownSince[part] == 0) {
      unknownSince[part] = startedMillis;
    }
  }

  /** The channel was read back and the part was not there: no earlier attempt created it. */
  void outcomeKnown(int part) {
    if (part < unknownSince.length) {
      unknownSince[part] = 0;
    }
  }

  /** A part found in the channel (an earlier attempt created it): it counts as posted. */
  void completed(int part, String postId, String rootId) {
    postIds.add(postId);
    if (threadRoot == null) {
      threadRoot = rootId == null || rootId.isEmpty() ? postId : rootId;
    }
    completedParts = part + 1;
    outcomeKnown(part);
  }

  private void grow(int part) {
    if (part >= unknownSince.length) {
      unknownSince = Arrays.copyOf(unknownSince, part + 1);
    }
  }
}
