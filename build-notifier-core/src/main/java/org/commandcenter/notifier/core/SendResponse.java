package org.commandcenter.notifier.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What {@code mattermostSend} returns: ids to reply to or update the post later. Serializable (Pipeline CPS
 * saves it), with JavaBean getters too so that {@code response.postId} works in Groovy.
 */
public final class SendResponse implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String postId;
  private final String channelId;
  private final String threadId;
  private final ArrayList<String> postIds;
  private final boolean sent;
  private final String error;

  private SendResponse(String postId, String channelId, String threadId, List<String> postIds, boolean sent,
      String error) {
    this.postId = postId;
    this.channelId = channelId;
    this.threadId = threadId;
    this.postIds = new ArrayList<>(postIds);
    this.sent = sent;
    this.error = error;
  }

  static SendResponse sent(String postId, String channelId, String threadId, List<String> postIds) {
    return new SendResponse(postId, channelId, threadId, postIds, true, null);
  }

  static SendResponse failed(String error) {
    return new SendResponse(null, null, null, List.of(), false, error);
  }

  /** Some targets got the post, others did not: the ids of what was sent, and the error. */
  static SendResponse partial(String postId, String channelId, String threadId, List<String> postIds,
      String error) {
    return new SendResponse(postId, channelId, threadId, postIds, false, error);
  }

  /** Id of the (first) post created or updated; null over a webhook. */
  public String postId() {
    return postId;
  }

  public String channelId() {
    return channelId;
  }

  /** Root post id of the thread the post is in (its own id for a new root); null over a webhook. */
  public String threadId() {
    return threadId;
  }

  /** Every post created (long text split into several posts, several channels). */
  public List<String> postIds() {
    return Collections.unmodifiableList(postIds);
  }

  /** False when sending failed and the step was not asked to fail on error. */
  public boolean sent() {
    return sent;
  }

  /** Why it was not sent, or null. */
  public String error() {
    return error;
  }

  public String getPostId() {
    return postId;
  }

  public String getChannelId() {
    return channelId;
  }

  public String getThreadId() {
    return threadId;
  }

  public List<String> getPostIds() {
    return postIds();
  }

  public boolean isSent() {
    return sent;
  }

  public String getError() {
    return error;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof SendResponse)) {
      return false;
    }
    SendResponse that = (SendResponse) other;
    return sent == that.sent
        && Objects.equals(postId, that.postId)
        && Objects.equals(channelId, that.channelId)
        && Objects.equals(threadId, that.threadId)
        && postIds.equals(that.postIds)
        && Objects.equals(error, that.error);
  }

  @Override
  public int hashCode() {
    return Objects.hash(postId, channelId, threadId, postIds, sent, error);
  }

  @Override
  public String toString() {
    return sent
        ? "SendResponse{postId=" + postId + ", channelId=" + channelId + ", threadId=" + threadId + "}"
        : "SendResponse{not sent: " + error + "}";
  }
}
