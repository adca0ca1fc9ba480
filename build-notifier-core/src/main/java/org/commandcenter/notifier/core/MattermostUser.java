package org.commandcenter.notifier.core;

/**
 * Who clicked or typed, as Mattermost vouches for them: looked up by the user id of the request with the bot token
 * ({@code GET /api/v4/users/{id}}), never taken from the request's user name.
 *
 * @param email empty unless the server shows addresses to the bot (PrivacySettings.ShowEmailAddress)
 */
public record MattermostUser(String id, String username, String email) {
  public MattermostUser {
    Checks.requireNotBlank("id", id);
    Checks.requireNotBlank("username", username);
    email = email == null ? "" : email;
  }
}
