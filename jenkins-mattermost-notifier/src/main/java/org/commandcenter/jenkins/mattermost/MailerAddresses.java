package org.commandcenter.jenkins.mattermost;

import hudson.model.User;
import hudson.tasks.Mailer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the mailer plugin's per-user address. Only loaded after {@link EmailUsers#mailerAvailable()} said yes.
 * Only the address a user set explicitly counts: {@code getAddress()} would infer one (id plus the default suffix,
 * or whatever an SCM says), which proves nothing. Users edit their own address, so a match must be unique.
 */
final class MailerAddresses {
  private MailerAddresses() {
  }

  static List<User> usersWithAddress(String email) {
    List<User> matches = new ArrayList<>();
    for (User user : User.getAll()) {
      Mailer.UserProperty property = user.getProperty(Mailer.UserProperty.class);
      String address = property == null ? null : property.getExplicitlyConfiguredAddress();
      if (address != null && address.equalsIgnoreCase(email)) {
        matches.add(user);
      }
    }
    return matches;
  }
}
