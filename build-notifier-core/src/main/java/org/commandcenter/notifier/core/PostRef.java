package org.commandcenter.notifier.core;

import java.io.Serializable;

/**
 * A post the notifier created: enough to update it or reply in its thread later. The Jenkins adapter persists its
 * own copy of the two strings, never this record.
 *
 * @param channelId may be null when unknown
 */
public record PostRef(String postId, String channelId) implements Serializable {
  public PostRef {
    Checks.requireNotBlank("postId", postId);
  }

  public static PostRef of(String postId, String channelId) {
    return new PostRef(postId, channelId);
  }
}
