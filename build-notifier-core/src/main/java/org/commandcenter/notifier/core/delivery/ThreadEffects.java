package org.commandcenter.notifier.core.delivery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.commandcenter.mattermost.Delivery;
import org.commandcenter.mattermost.DeliveryListener;
import org.commandcenter.mattermost.DeliveryResult;
import org.commandcenter.mattermost.PostResult;
import org.commandcenter.mattermost.Submission;
import org.commandcenter.notifier.core.PostRef;
import org.commandcenter.notifier.core.ThreadStore;
import org.commandcenter.notifier.core.ThreadStoreLocator;

/**
 * What a build notification's delivery means for the build's threads once it is delivered: which of its posts
 * became the build's thread root or the job's open incident, and whether the incident is closed. Written into the
 * delivery's attributes (so it survives a restart with the delivery) and applied by a {@link DeliveryListener}: to
 * the thread store the notifier was given when the process that sent it is still the one running, else to the one
 * the host's {@link ThreadStoreLocator} finds.
 */
public final class ThreadEffects {
  private static final Logger LOG = Logger.getLogger(ThreadEffects.class.getName());

  static final String JOB = "notifier.job";
  static final String BUILD = "notifier.build";
  static final String CHANNEL = "notifier.channel";
  static final String SAVE_BUILD_THREAD = "notifier.saveBuildThread";
  static final String SAVE_INCIDENT = "notifier.saveIncident";
  static final String CLOSE_INCIDENT = "notifier.closeIncident";

  /** The thread stores of deliveries this process submitted and that are not finished yet. */
  private static final Map<String, ThreadStore> LIVE = new ConcurrentHashMap<>();
  /** Deliveries of this process that create a build's thread root, by build and channel, until they finish. */
  private static final Map<String, Submission> PENDING_ROOTS = new ConcurrentHashMap<>();

  private final String job;
  private final int build;
  private final String channel;
  private String saveBuildThread;
  private String saveIncident;
  private boolean closeIncident;

  /** @param channel the channel as configured ({@code ""} for a webhook's own) */
  public ThreadEffects(String job, int build, String channel) {
    this.job = job;
    this.build = build;
    this.channel = channel;
  }

  /** The post step {@code step} creates becomes the build's thread root in the channel. */
  public ThreadEffects saveBuildThread(int step) {
    this.saveBuildThread = "step:" + step;
    return this;
  }

  /** The post step {@code step} creates becomes the job's open incident in the channel. */
  public ThreadEffects saveIncident(int step) {
    this.saveIncident = "step:" + step;
    return this;
  }

  /** An existing post becomes the job's open incident in the channel. */
  public ThreadEffects saveIncident(PostRef existing) {
    this.saveIncident = "post:" + existing.postId() + ":" + (existing.channelId() == null ? "" : existing.channelId());
    return this;
  }

  public ThreadEffects closeIncident() {
    this.closeIncident = true;
    return this;
  }

  boolean isEmpty() {
    return saveBuildThread == null && saveIncident == null && !closeIncident;
  }

  /** Writes the effects into the delivery's attributes. */
  Delivery.Builder describe(Delivery.Builder delivery) {
    delivery.attribute(JOB, job).attribute(BUILD, Integer.toString(build)).attribute(CHANNEL, channel)
        .attribute(SAVE_BUILD_THREAD, saveBuildThread).attribute(SAVE_INCIDENT, saveIncident)
        .attribute(CLOSE_INCIDENT, closeIncident ? "true" : null);
    return delivery;
  }

  /** {@code submission} creates the build's thread root: known as pending until it finishes. */
  void pending(Submission submission) {
    if (saveBuildThread == null) {
      return;
    }
    String key = rootKey(job, build, channel);
    PENDING_ROOTS.put(key, submission);
    submission.outcome().thenAccept(result -> PENDING_ROOTS.remove(key, submission));
  }

  /** The unfinished delivery of this process that creates the build's thread root in the channel, or null. */
  static Submission pendingRoot(String job, int build, String channel) {
    return PENDING_ROOTS.get(rootKey(job, build, channel));
  }

  private static String rootKey(String job, int build, String channel) {
    return job + '\n' + build + '\n' + channel;
  }

  /** The delivery was submitted by this process for {@code store}. */
  static void live(String deliveryId, ThreadStore store) {
    LIVE.put(deliveryId, store);
  }

  /** The delivery ended without an outcome for the threads (dropped, replaced). */
  static void forget(String deliveryId) {
    LIVE.remove(deliveryId);
  }

  /** The listener a delivery engine needs so that delivered build notifications record their threads. */
  public static DeliveryListener listener(ThreadStoreLocator locator) {
    return new DeliveryListener() {
      @Override
      public void delivered(Delivery delivery, DeliveryResult result) {
        apply(delivery, result, locator);
      }

      @Override
      public void failed(Delivery delivery, DeliveryResult result) {
        apply(delivery, result, locator);
      }
    };
  }

  private static void apply(Delivery delivery, DeliveryResult result, ThreadStoreLocator locator) {
    ThreadStore live = LIVE.remove(delivery.id());
    Map<String, String> attributes = delivery.attributes();
    String job = attributes.get(JOB);
    if (job == null) {
      return; // not a build notification's
    }
    try {
      Optional<ThreadStore> store = live != null ? Optional.of(live)
          : locator.forBuild(job, Integer.parseInt(attributes.get(BUILD)));
      if (store.isEmpty()) {
        return;
      }
      String channel = attributes.get(CHANNEL);
      List<PostResult> posts = result.posts();
      PostRef root = ref(attributes.get(SAVE_BUILD_THREAD), posts);
      if (root != null) {
        store.get().saveBuildThread(channel, root);
      }
      PostRef incident = ref(attributes.get(SAVE_INCIDENT), posts);
      if (incident != null) {
        store.get().saveOpenIncident(channel, incident);
      }
      if (result.status() == DeliveryResult.Status.DELIVERED && "true".equals(attributes.get(CLOSE_INCIDENT))) {
        store.get().closeIncident(channel);
      }
    } catch (RuntimeException e) {
      // The notification went out; only its thread is not remembered.
      LOG.log(Level.WARNING, "Could not record the Mattermost thread of " + job + " #" + attributes.get(BUILD), e);
    }
  }

  /** A {@code step:N} whose post exists, or a {@code post:id:channelId}; else null. */
  private static PostRef ref(String value, List<PostResult> posts) {
    if (value == null) {
      return null;
    }
    if (value.startsWith("step:")) {
      int step = Integer.parseInt(value.substring(5));
      if (step >= posts.size() || posts.get(step).postId() == null) {
        return null;
      }
      return PostRef.of(posts.get(step).postId(), posts.get(step).channelId());
    }
    String[] parts = value.split(":", 3);
    return PostRef.of(parts[1], parts.length < 3 || parts[2].isEmpty() ? null : parts[2]);
  }
}
