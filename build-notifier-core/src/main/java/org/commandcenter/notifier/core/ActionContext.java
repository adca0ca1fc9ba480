package org.commandcenter.notifier.core;

import java.time.Instant;

/**
 * What a button is about: which action, on which build, posted in which channel, when. Signed into the button's
 * context by {@link ActionSigner}, and believed only after {@link ActionSigner#verify} said so.
 *
 * @param channel the channel as the notifier was configured (a name like {@code builds}, or an id), or "" for a
 *     webhook's default channel
 */
public record ActionContext(ChatAction action, String job, int build, String channel, Instant issuedAt) {
  public ActionContext {
    if (action == null) {
      throw Checks.invalid("action", "must be set");
    }
    Checks.requireNotBlank("job", job);
    if (build < 1) {
      throw Checks.invalid("build", "must be >= 1");
    }
    channel = channel == null ? "" : channel;
    if (issuedAt == null) {
      throw Checks.invalid("issuedAt", "must be set");
    }
  }

  /** The same alert's context for another of its buttons. */
  public ActionContext withAction(ChatAction other) {
    return new ActionContext(other, job, build, channel, issuedAt);
  }
}
