// Mirrors jenkinsci/credentials-plugin at 1415.v831096eb_5534: src/main/java/com/cloudbees/plugins/credentials/domains/DomainRequirement.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;
import java.io.Serializable;

public class DomainRequirement implements ExtensionPoint, Serializable {
    private static final long serialVersionUID = 1L;

    public DomainRequirement() {
    }
}
