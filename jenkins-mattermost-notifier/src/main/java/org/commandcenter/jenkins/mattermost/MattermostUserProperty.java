package org.commandcenter.jenkins.mattermost;

import hudson.Extension;
import hudson.model.User;
import hudson.model.UserProperty;
import hudson.model.UserPropertyDescriptor;
import hudson.util.FormValidation;
import java.util.Locale;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * A Jenkins user's Mattermost username, set in their own profile. Build notifications mention the authors of a broken
 * build's changes by it: only the user (or an administrator) can set it, whereas a commit's e-mail is whatever the
 * committer typed.
 */
public class MattermostUserProperty extends UserProperty {
  private final String username;

  @DataBoundConstructor
  public MattermostUserProperty(String username) {
    String value = username == null || username.isBlank() ? null : username.strip();
    if (value != null && value.startsWith("@")) {
      value = value.substring(1);
    }
    // Mattermost keeps usernames in lower case (server/public/model/user.go IsValidUsername).
    this.username = value == null ? null : value.toLowerCase(Locale.ROOT);
  }

  public String getUsername() {
    return username;
  }

  /** The username of {@code user}'s property, or null. */
  static String of(User user) {
    if (user == null) {
      return null;
    }
    MattermostUserProperty property = user.getProperty(MattermostUserProperty.class);
    return property == null ? null : property.getUsername();
  }

  @Extension
  @Symbol("mattermost")
  public static final class DescriptorImpl extends UserPropertyDescriptor {
    @Override
    public String getDisplayName() {
      return Messages.get("userProperty.displayName");
    }

    /** Nobody gets one until they set it. */
    @Override
    public UserProperty newInstance(User user) {
      return null;
    }

    /** A syntax check only, so anyone who may see Jenkins at all may run it on their own profile. */
    @POST
    public FormValidation doCheckUsername(@QueryParameter String value) {
      if (!Jenkins.get().hasPermission(Jenkins.READ)) {
        return FormValidation.ok();
      }
      return Forms.toValidation(FormChecks.mentionableUsername(value));
    }
  }
}
