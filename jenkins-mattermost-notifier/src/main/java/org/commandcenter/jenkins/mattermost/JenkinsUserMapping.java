package org.commandcenter.jenkins.mattermost;

import hudson.model.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.commandcenter.notifier.core.MattermostUser;

/**
 * Finds the Jenkins user a Mattermost user acts as, by the configured {@link ChatOpsUserMapping}. Only users Jenkins
 * knows are found ({@code User.getById(id, false)}: never creates a user record); a user of the security realm who
 * never logged in to Jenkins has no record yet and is refused until they do.
 */
final class JenkinsUserMapping {
  private static final Logger LOGGER = Logger.getLogger(JenkinsUserMapping.class.getName());

  private final ChatOpsUserMapping mapping;
  private final Map<String, String> table;

  JenkinsUserMapping(ChatOpsUserMapping mapping, Map<String, String> table) {
    this.mapping = mapping;
    this.table = Map.copyOf(table);
  }

  Optional<User> find(MattermostUser who) {
    switch (mapping) {
      case EMAIL:
        return byEmail(who);
      case TABLE:
        String jenkinsId = table.get(who.username());
        return jenkinsId == null ? Optional.empty() : Optional.ofNullable(User.getById(jenkinsId, false));
      default:
        return Optional.ofNullable(User.getById(who.username(), false));
    }
  }

  /** Exactly one user with this explicitly configured address; users set their own, so two mean nobody. */
  private Optional<User> byEmail(MattermostUser who) {
    if (who.email().isBlank()) {
      LOGGER.log(Level.INFO, "ChatOps e-mail mapping: Mattermost does not show @{0}''s address to the bot "
          + "(PrivacySettings.ShowEmailAddress)", who.username());
      return Optional.empty();
    }
    if (!EmailUsers.mailerAvailable()) {
      LOGGER.log(Level.WARNING, "ChatOps maps users by e-mail address, but the mailer plugin (which holds the "
          + "addresses) is not installed: nobody is found");
      return Optional.empty();
    }
    List<User> matches = EmailUsers.withAddress(who.email());
    if (matches.size() > 1) {
      LOGGER.log(Level.WARNING, "ChatOps e-mail mapping: {0} Jenkins users have the address of @{1}; refusing to "
          + "guess", new Object[] {matches.size(), who.username()});
    }
    return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
  }
}
