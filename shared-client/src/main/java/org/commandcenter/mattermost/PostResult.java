package org.commandcenter.mattermost;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Objects;

/** What a send produced: over REST the ids of every post created, over a webhook nothing. */
public final class PostResult {
  private static final PostResult WEBHOOK = new PostResult(null, null, null, List.of());

  private final String postId;
  private final String channelId;
  private final String rootId;
  private final List<String> postIds;

  private PostResult(String postId, String channelId, String rootId, List<String> postIds) {
    this.postId = postId;
    this.channelId = channelId;
    this.rootId = rootId;
    this.postIds = List.copyOf(postIds);
  }

  /** The result of a webhook delivery: Mattermost answers {@code ok} and no ids. */
  public static PostResult webhook() {
    return WEBHOOK;
  }

  public static PostResult of(String postId, String channelId, String rootId, List<String> postIds) {
    requireNonNull(postIds, "postIds == null");
    return new PostResult(postId, channelId, rootId, postIds);
  }

  /** The id of the first (root) post created, or null over a webhook. */
  public String postId() {
    return postId;
  }

  public String channelId() {
    return channelId;
  }

  /** The thread root the posts belong to, or null. */
  public String rootId() {
    return rootId;
  }

  /** Every post created, in order: the root post first, then continuation replies. */
  public List<String> postIds() {
    return postIds;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PostResult
        && Objects.equals(((PostResult) other).postId, postId)
        && Objects.equals(((PostResult) other).channelId, channelId)
        && Objects.equals(((PostResult) other).rootId, rootId)
        && ((PostResult) other).postIds.equals(postIds);
  }

  @Override
  public int hashCode() {
    return Objects.hash(postId, channelId, rootId, postIds);
  }

  @Override
  public String toString() {
    return "PostResult{postId=" + postId + ", channelId=" + channelId + ", rootId=" + rootId
        + ", postIds=" + postIds + "}";
  }
}
