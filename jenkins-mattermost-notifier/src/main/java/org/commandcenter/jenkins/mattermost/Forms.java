package org.commandcenter.jenkins.mattermost;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.Collections;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.springframework.security.core.Authentication;

/**
 * Shared pieces of the form endpoints: the permission rules (ADMINISTER globally; in a job CONFIGURE, or for the
 * credential fields the credentials plugin's EXTENDED_READ or USE_ITEM) and the conversion of {@link FieldCheck}s into
 * Jenkins' {@link FormValidation}.
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

  /**
   * Whether the current user may list or check credentials in this context, the credentials plugin's rule: ADMINISTER
   * globally; in an item, seeing its configuration (EXTENDED_READ, implied by CONFIGURE) or using its credentials.
   */
  static boolean canListCredentials(Item item) {
    return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER)
        : item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
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
   * Whom credentials are listed as, the credentials plugin's rule: inside a job, the job's own authentication (what
   * its builds run as, so the form offers only what a build can use); globally, Jenkins itself.
   */
  static Authentication listingAuthentication(Item item) {
    return item instanceof Queue.Task ? Tasks.getAuthenticationOf2((Queue.Task) item) : ACL.SYSTEM2;
  }

  /**
   * Secret Text credentials a notification in this context can use, keeping the current value selectable; empty (but
   * for the current value) when the user may not list credentials here. Globally (item null) that is the Jenkins root
   * as SYSTEM, the very lookup {@link SecretTexts#globalCandidates()} makes for builds.
   */
  static ListBoxModel secretTextItems(Item item, String current) {
    StandardListBoxModel model = new StandardListBoxModel();
    if (!canListCredentials(item)) {
      model.includeCurrentValue(current == null ? "" : current);
      return model;
    }
    model.includeEmptyValue();
    model.includeMatchingAs(listingAuthentication(item), item, StringCredentials.class,
        Collections.emptyList(), CredentialsMatchers.always());
    model.includeCurrentValue(current == null ? "" : current);
    return model;
  }

  /**
   * A chosen credentials id must still exist where notifications resolve it: globally with
   * {@link SecretTexts#globalCandidates()}, in a job as {@link #listingAuthentication(Item)}.
   */
  static FormValidation checkSecretText(Item item, String value, boolean required) {
    if (!canListCredentials(item)) {
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
    boolean found = item == null
        ? SecretTexts.globalCandidate(id) != null
        : !CredentialsProvider.listCredentialsInItem(StringCredentials.class, item, listingAuthentication(item),
            Collections.emptyList(), CredentialsMatchers.withId(id)).isEmpty();
    return found ? FormValidation.ok() : FormValidation.error(Messages.get("check.credentials.notFound", id));
  }
}
