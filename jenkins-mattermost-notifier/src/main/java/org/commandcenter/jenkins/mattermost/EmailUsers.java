package org.commandcenter.jenkins.mattermost;

import hudson.model.User;
import java.util.List;

/**
 * Jenkins users by e-mail address, from the mailer plugin, which is an optional dependency: nothing here touches a
 * mailer class unless the plugin is installed, so ChatOps loads and works without it (the e-mail mapping then finds
 * nobody, and says why in the log).
 */
final class EmailUsers {
  private static final String MAILER_PROPERTY = "hudson.tasks.Mailer$UserProperty";

  private EmailUsers() {
  }

  /** The users whose explicitly configured address is {@code email} (ignoring case); empty without mailer. */
  static List<User> withAddress(String email) {
    return mailerAvailable() ? MailerAddresses.usersWithAddress(email) : List.of();
  }

  static boolean mailerAvailable() {
    try {
      Class.forName(MAILER_PROPERTY, false, EmailUsers.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
