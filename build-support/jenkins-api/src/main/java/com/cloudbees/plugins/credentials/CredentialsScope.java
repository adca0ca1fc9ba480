// Mirrors jenkinsci/credentials-plugin at 1415.v831096eb_5534: src/main/java/com/cloudbees/plugins/credentials/CredentialsScope.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

public enum CredentialsScope implements Serializable {
    SYSTEM,
    GLOBAL,
    USER
}
