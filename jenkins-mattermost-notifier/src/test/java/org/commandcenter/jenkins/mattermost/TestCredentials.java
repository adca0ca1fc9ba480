package org.commandcenter.jenkins.mattermost;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Run;
import hudson.util.Secret;
import java.util.List;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.mockito.MockedStatic;

/** Secret Text credentials as the credentials plugin hands them out, for a statically mocked CredentialsProvider. */
final class TestCredentials {
  private TestCredentials() {
  }

  static StringCredentials secretText(String id, String value) {
    StringCredentials credential = mock(StringCredentials.class);
    Secret secret = mock(Secret.class);
    when(secret.getPlainText()).thenReturn(value);
    when(credential.getId()).thenReturn(id);
    when(credential.getSecret()).thenReturn(secret);
    return credential;
  }

  /** What Jenkins itself sees at its root as SYSTEM: where the global default is resolved. */
  static void global(MockedStatic<CredentialsProvider> provider, StringCredentials... credentials) {
    provider.when(() -> CredentialsProvider.lookupCredentialsInItem(eq(StringCredentials.class), isNull(), any()))
        .thenReturn(List.of(credentials));
  }

  /** What a run's own context sees for a job-level id. */
  static void visibleTo(MockedStatic<CredentialsProvider> provider, Run<?, ?> run, StringCredentials credential) {
    String id = credential.getId();
    provider.when(() -> CredentialsProvider.findCredentialById(id, StringCredentials.class, run)).thenReturn(credential);
  }
}
