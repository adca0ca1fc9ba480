package org.commandcenter.jenkins.mattermost;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Resolves the Secret Text (bot token or webhook URL) behind a credentials id. Only the plain value leaves this
 * class, and only towards the Mattermost client; the id is safe to show, the value never is.
 */
final class SecretTexts {
  private SecretTexts() {
  }

  /**
   * In the run's context, as the user the run is authorized as; the use is tracked on the credential's fingerprint.
   *
   * @throws IllegalArgumentException naming the field when no such Secret Text is visible to the run
   */
  static String forRun(String field, String credentialsId, Run<?, ?> run) {
    StringCredentials credentials = CredentialsProvider.findCredentialById(credentialsId, StringCredentials.class, run);
    if (credentials == null) {
      throw new IllegalArgumentException(Messages.get("credentials.notFound", field, credentialsId));
    }
    CredentialsProvider.track(run, credentials);
    return credentials.getSecret().getPlainText();
  }

  /**
   * In the global (or the given item's) context, as SYSTEM: used by "Test connection", which only administrators
   * (or users allowed to configure the item) can call.
   */
  static String forContext(String field, String credentialsId, Item context) {
    List<StringCredentials> all = CredentialsProvider.lookupCredentialsInItem(StringCredentials.class, context, ACL.SYSTEM2);
    for (StringCredentials credentials : all) {
      if (credentialsId.equals(credentials.getId())) {
        return credentials.getSecret().getPlainText();
      }
    }
    throw new IllegalArgumentException(Messages.get("credentials.notFound", field, credentialsId));
  }
}
