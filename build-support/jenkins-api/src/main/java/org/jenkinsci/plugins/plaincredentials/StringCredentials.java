// Mirrors jenkinsci/plain-credentials-plugin at 199.v9f8e1f741799: src/main/java/org/jenkinsci/plugins/plaincredentials/StringCredentials.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package org.jenkinsci.plugins.plaincredentials;

import com.cloudbees.plugins.credentials.common.StandardCredentials;
import hudson.util.Secret;

public interface StringCredentials extends StandardCredentials {
    Secret getSecret();
}
