// Mirrors jenkinsci/credentials-plugin at 1415.v831096eb_5534: src/main/java/com/cloudbees/plugins/credentials/Credentials.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package com.cloudbees.plugins.credentials;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import java.io.Serializable;

public interface Credentials extends Describable<Credentials>, Serializable, ExtensionPoint {
    CredentialsScope getScope();

    @Override
    CredentialsDescriptor getDescriptor();
}
