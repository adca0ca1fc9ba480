// Mirrors jenkinsci/credentials-plugin at 1415.v831096eb_5534: src/main/java/com/cloudbees/plugins/credentials/CredentialsDescriptor.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package com.cloudbees.plugins.credentials;

import hudson.model.Descriptor;

public abstract class CredentialsDescriptor extends Descriptor<Credentials> {
    private CredentialsDescriptor() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
