package org.commandcenter.jenkins.mattermost;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.commandcenter.notifier.core.SendResponse;
import org.jenkinsci.plugins.scriptsecurity.sandbox.whitelists.Whitelisted;

/**
 * What {@code mattermostSend} returns: the ids needed to reply in the thread or update the post later, e.g.
 * {@code def r = mattermostSend(...); mattermostSend threadId: r.threadId, message: 'done'}.
 *
 * <p>A class of this plugin holding only strings, so it survives Pipeline's program-state serialization and the
 * class filter; its getters are whitelisted for the Groovy sandbox.
 */
public final class MattermostSendResponse implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String postId;
  private final String channelId;
  private final String threadId;
  private final ArrayList<String> postIds;
  private final boolean sent;
  private final String error;

  private MattermostSendResponse(String postId, String channelId, String threadId, List<String> postIds,
      boolean sent, String error) {
    this.postId = postId;
    this.channelId = channelId;
    this.threadId = threadId;
    this.postIds = new ArrayList<>(postIds);
    this.sent = sent;
    this.error = error;
  }

  static MattermostSendResponse of(SendResponse response) {
    return new MattermostSendResponse(response.postId(), response.channelId(), response.threadId(),
        response.postIds(), response.sent(), response.error());
  }

  static MattermostSendResponse failed(String error) {
    return new MattermostSendResponse(null, null, null, List.of(), false, error);
  }

  /** The id of the (first) post created or updated; null over a webhook. */
  @Whitelisted
  public String getPostId() {
    return postId;
  }

  @Whitelisted
  public String getChannelId() {
    return channelId;
  }

  /** The root post of the thread the message is in: pass it as {@code threadId} to reply. Null over a webhook. */
  @Whitelisted
  public String getThreadId() {
    return threadId;
  }

  /** Every post created (long messages are split; several channels each get one). */
  @Whitelisted
  public List<String> getPostIds() {
    return Collections.unmodifiableList(postIds);
  }

  /** False when the message could not be sent (and {@code failOnError} was not set). */
  @Whitelisted
  public boolean isSent() {
    return sent;
  }

  /** Why it was not sent, or null. Never contains a token or webhook URL. */
  @Whitelisted
  public String getError() {
    return error;
  }

  @Override
  public String toString() {
    return sent ? "MattermostSendResponse{postId=" + postId + ", channelId=" + channelId + ", threadId=" + threadId
        + "}" : "MattermostSendResponse{not sent: " + error + "}";
  }
}
