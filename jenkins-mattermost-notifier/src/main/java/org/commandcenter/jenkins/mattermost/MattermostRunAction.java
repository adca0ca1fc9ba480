package org.commandcenter.jenkins.mattermost;

import hudson.model.InvisibleAction;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.commandcenter.notifier.core.PostRef;

/**
 * Remembers, in the build's {@code build.xml}, the Mattermost posts the notifier created for this build (root post
 * per channel, updated in place from "started" to the result) and the job's incident threads still open after it
 * (copied forward from the previous build, so no state is kept on the job itself).
 *
 * <p>Only strings are stored, in classes of this plugin, so XStream's class filter accepts them. The maps are
 * concurrent: Jenkins serialises the action while holding the run's monitor, not ours, so a notification may
 * change them while {@code Run.save()} iterates them.
 */
public final class MattermostRunAction extends InvisibleAction {
  private Map<String, StoredPost> buildThreads = new ConcurrentHashMap<>();
  private Map<String, StoredPost> openIncidents = new ConcurrentHashMap<>();

  /** XStream2 creates the action without a constructor: absent maps are empty ones, and every map is concurrent. */
  protected Object readResolve() {
    buildThreads = buildThreads == null ? new ConcurrentHashMap<>() : new ConcurrentHashMap<>(buildThreads);
    openIncidents = openIncidents == null ? new ConcurrentHashMap<>() : new ConcurrentHashMap<>(openIncidents);
    return this;
  }

  PostRef buildThread(String channel) {
    StoredPost p = buildThreads.get(channel);
    return p == null ? null : p.toPostRef();
  }

  void saveBuildThread(String channel, PostRef root) {
    buildThreads.put(channel, StoredPost.of(root));
  }

  PostRef openIncident(String channel) {
    StoredPost p = openIncidents.get(channel);
    return p == null ? null : p.toPostRef();
  }

  void saveOpenIncident(String channel, PostRef root) {
    openIncidents.put(channel, StoredPost.of(root));
  }

  void closeIncident(String channel) {
    openIncidents.remove(channel);
  }

  /** Takes over the incidents an earlier build left open, unless this build already knows better. */
  void inheritOpenIncidents(MattermostRunAction previous) {
    previous.openIncidents.forEach(openIncidents::putIfAbsent);
  }

  /** A post id and channel id, as XStream-friendly strings. */
  static final class StoredPost {
    private final String postId;
    private final String channelId;

    private StoredPost(String postId, String channelId) {
      this.postId = postId;
      this.channelId = channelId;
    }

    static StoredPost of(PostRef ref) {
      return new StoredPost(ref.postId(), ref.channelId());
    }

    /** Null for an entry XStream read without a post id (a hand-edited or truncated build.xml). */
    PostRef toPostRef() {
      return postId == null || postId.isBlank() ? null : PostRef.of(postId, channelId);
    }
  }
}
