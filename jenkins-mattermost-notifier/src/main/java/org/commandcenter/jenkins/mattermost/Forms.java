package org.commandcenter.jenkins.mattermost;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Shared pieces of the form endpoints: the permission rule (ADMINISTER globally, CONFIGURE on the item in a job)
 * and the conversion of {@link FieldCheck}s into Jenkins' {@link FormValidation}.
 */
final class Forms {
  private Forms() {
  }

  /** Whether the current user may configure in this context: the item, or Jenkins itself when item is null. */
  static boolean canConfigure(Item item) {
    return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.CONFIGURE);
  }

  /** Like {@link #canConfigure(Item)} but throws Jenkins' access-denied exception. */
  static void checkConfigure(Item item) {
    if (item == null) {
      Jenkins.get().checkPermission(Jenkins.ADMINISTER);
    } else {
      item.checkPermission(Item.CONFIGURE);
    }
  }

  static FormValidation toValidation(FieldCheck check) {
    switch (check.kind()) {
      case ERROR:
        return FormValidation.error(check.message());
      case WARNING:
        return FormValidation.warning(check.message());
      default:
        return check.message() == null ? FormValidation.ok() : FormValidation.ok(check.message());
    }
  }

  /**
   * Secret Text credentials the current user can see in the context, keeping the current value selectable;
   * empty (but for the current value) when the user may not configure.
   */
  static ListBoxModel secretTextItems(Item item, String current) {
    StandardListBoxModel model = new StandardListBoxModel();
    if (!canConfigure(item)) {
      model.includeCurrentValue(current == null ? "" : current);
      return model;
    }
    model.includeEmptyValue();
    model.includeAs(ACL.SYSTEM2, item, StringCredentials.class);
    model.includeCurrentValue(current == null ? "" : current);
    return model;
  }

  /** A chosen credentials id must still exist in the context. */
  static FormValidation checkSecretText(Item item, String value, boolean required) {
    if (!canConfigure(item)) {
      return FormValidation.ok();
    }
    String id = value == null ? "" : value.trim();
    if (id.isEmpty()) {
      // Jobs and steps may bring their own credentials or webhook endpoint, so a missing default only warns.
      return required ? FormValidation.warning(Messages.get("check.credentials.required"))
          : FormValidation.ok();
    }
    if (id.startsWith("${")) {
      return FormValidation.warning(Messages.get("check.credentials.expression"));
    }
    for (StringCredentials c : CredentialsProvider.lookupCredentialsInItem(StringCredentials.class, item, ACL.SYSTEM2)) {
      if (id.equals(c.getId())) {
        return FormValidation.ok();
      }
    }
    return FormValidation.error(Messages.get("check.credentials.notFound", id));
  }
}
