package org.commandcenter.notifier.core;

import java.io.Serializable;
import java.util.Objects;

/** A post the notifier created: enough to update it or reply in its thread later. Plain fields for XStream. */
public final class PostRef implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String postId;
  private final String channelId;

  private PostRef(String postId, String channelId) {
    this.postId = postId;
    this.channelId = channelId;
  }

  /** @param channelId may be null when unknown */
  public static PostRef of(String postId, String channelId) {
    Checks.requireNotBlank("postId", postId);
    return new PostRef(postId, channelId);
  }

  public String postId() {
    return postId;
  }

  public String channelId() {
    return channelId;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PostRef
        && ((PostRef) other).postId.equals(postId)
        && Objects.equals(((PostRef) other).channelId, channelId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(postId, channelId);
  }

  @Override
  public String toString() {
    return "PostRef{postId=" + postId + ", channelId=" + channelId + "}";
  }
}
