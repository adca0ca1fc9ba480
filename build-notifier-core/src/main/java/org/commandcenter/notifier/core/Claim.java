package org.commandcenter.notifier.core;

import java.time.Instant;

/**
 * Who said "I'm on it" for an alert, or who did a once-per-build action.
 *
 * @param mattermostUserId the Mattermost user id (claims are released by the same user)
 * @param username the Mattermost username, for "@alice has it"
 */
public record Claim(String mattermostUserId, String username, Instant since) {
  public Claim {
    Checks.requireNotBlank("mattermostUserId", mattermostUserId);
    Checks.requireNotBlank("username", username);
    if (since == null) {
      throw Checks.invalid("since", "must be set");
    }
  }
}
