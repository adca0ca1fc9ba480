package org.commandcenter.jenkins.mattermost;

import hudson.model.InvisibleAction;
import java.util.HashMap;
import java.util.Map;
import org.commandcenter.notifier.core.PostRef;

/**
 * Remembers, in the build's {@code build.xml}, the Mattermost posts the notifier created for this build (root post
 * per channel, updated in place from "started" to the result) and the job's incident threads still open after it
 * (copied forward from the previous build, so no state is kept on the job itself).
 *
 * <p>Only strings are stored, in classes of this plugin, so XStream's class filter accepts them.
 */
public final class MattermostRunAction extends InvisibleAction {
  private final Map<String, StoredPost> buildThreads = new HashMap<>();
  private final Map<String, StoredPost> openIncidents = new HashMap<>();

  synchronized PostRef buildThread(String channel) {
    StoredPost p = buildThreads.get(channel);
    return p == null ? null : p.toPostRef();
  }

  synchronized void saveBuildThread(String channel, PostRef root) {
    buildThreads.put(channel, StoredPost.of(root));
  }

  synchronized PostRef openIncident(String channel) {
    StoredPost p = openIncidents.get(channel);
    return p == null ? null : p.toPostRef();
  }

  synchronized void saveOpenIncident(String channel, PostRef root) {
    openIncidents.put(channel, StoredPost.of(root));
  }

  synchronized void closeIncident(String channel) {
    openIncidents.remove(channel);
  }

  synchronized void inheritOpenIncidents(MattermostRunAction previous) {
    Map<String, StoredPost> copy;
    synchronized (previous) {
      copy = new HashMap<>(previous.openIncidents);
    }
    copy.forEach(openIncidents::putIfAbsent);
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

    PostRef toPostRef() {
      return PostRef.of(postId, channelId);
    }
  }
}
