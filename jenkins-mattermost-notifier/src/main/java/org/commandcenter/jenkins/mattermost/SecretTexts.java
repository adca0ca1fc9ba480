package org.commandcenter.jenkins.mattermost;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Item;
import hudson.model.Run;
import hudson.security.ACL;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Resolves the Secret Text (bot token or webhook URL) behind a credentials id, in the one context each kind of id
 * belongs to. Only the plain value leaves this class, and only towards the Mattermost client.
 *
 * <p>The global default is chosen by an administrator and resolved as Jenkins itself: at the Jenkins root with
 * {@link ACL#SYSTEM2}, the only context in which the global store also returns SYSTEM-scoped credentials
 * (credentials-plugin {@code SystemCredentialsProvider.getCredentialsInItemGroup}). SYSTEM scope is what we
 * recommend: jobs then cannot read the bot token with {@code withCredentials}. The global form lists and checks
 * with {@link #globalCandidates()}, so what it offers is exactly what builds can use.
 *
 * <p>An id a job or step names is user-controlled: it is resolved in the run's context, as the run's
 * authentication ({@code CredentialsProvider.findCredentialById}), where SYSTEM scope is invisible; it never
 * falls back to the root lookup.
 */
final class SecretTexts {
  /** The context "Jenkins itself" in the credentials API's item-based methods. */
  static final Item JENKINS_ROOT = null;

  private SecretTexts() {
  }

  /**
   * The Secret Text credentials the global default may be chosen from, as Jenkins itself sees them. A null item is the
   * Jenkins root: {@code lookupCredentialsInItem} then asks {@code lookupCredentialsInItemGroup(type, Jenkins.get(), …)}
   * (credentials-plugin CredentialsProvider.java, lookupCredentialsInItem).
   */
  static List<StringCredentials> globalCandidates() {
    return CredentialsProvider.lookupCredentialsInItem(StringCredentials.class, JENKINS_ROOT, ACL.SYSTEM2);
  }

  /** The global candidate with this id, or null. */
  static StringCredentials globalCandidate(String credentialsId) {
    for (StringCredentials credentials : globalCandidates()) {
      if (credentials.getId().equals(credentialsId)) {
        return credentials;
      }
    }
    return null;
  }

  /**
   * The global default, tracked on {@code run}'s fingerprint when there is a run.
   *
   * @throws IllegalArgumentException naming the field when Jenkins has no such Secret Text
   */
  static String forJenkins(String field, String credentialsId, Run<?, ?> run) {
    StringCredentials credentials = globalCandidate(credentialsId);
    if (credentials == null) {
      throw new IllegalArgumentException(Messages.get("credentials.notFoundGlobally", field, credentialsId));
    }
    if (run != null) {
      CredentialsProvider.track(run, credentials);
    }
    return credentials.getSecret().getPlainText();
  }

  /**
   * A job's or step's own credential, in the run's context as the run's authentication; the use is tracked
   * ({@code findCredentialById} only tracks credentials parameters itself).
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
}
