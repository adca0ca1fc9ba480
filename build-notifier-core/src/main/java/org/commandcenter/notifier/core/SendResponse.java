package org.commandcenter.notifier.core;

import java.io.Serializable;
import java.util.List;

/**
 * What {@code mattermostSend} did: ids to reply to or update the post later. The Jenkins adapter copies it into its
 * own Pipeline-serializable response.
 *
 * @param postId    id of the (first) post created or updated; null over a webhook
 * @param threadId  root post id of the thread the post is in (its own id for a new root); null over a webhook
 * @param postIds   every post created (long text split into several posts, several channels)
 * @param sent      false when sending failed and the step was not asked to fail on error
 * @param error     why it was not (all) sent, or null
 */
public record SendResponse(String postId, String channelId, String threadId, List<String> postIds, boolean sent,
    String error) implements Serializable {

  public SendResponse {
    postIds = List.copyOf(postIds);
  }

  public static SendResponse sent(String postId, String channelId, String threadId, List<String> postIds) {
    return new SendResponse(postId, channelId, threadId, postIds, true, null);
  }

  public static SendResponse failed(String error) {
    return new SendResponse(null, null, null, List.of(), false, error);
  }

  /** Some targets got the post, others did not: the ids of what was sent, and the error. */
  public static SendResponse partial(String postId, String channelId, String threadId, List<String> postIds,
      String error) {
    return new SendResponse(postId, channelId, threadId, postIds, false, error);
  }

  @Override
  public String toString() {
    return sent
        ? "SendResponse{postId=" + postId + ", channelId=" + channelId + ", threadId=" + threadId + "}"
        : "SendResponse{not sent: " + error + "}";
  }
}
