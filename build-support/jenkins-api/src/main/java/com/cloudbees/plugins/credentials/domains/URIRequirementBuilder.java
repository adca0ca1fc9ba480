// Mirrors jenkinsci/credentials-plugin at 1415.v831096eb_5534: src/main/java/com/cloudbees/plugins/credentials/domains/URIRequirementBuilder.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package com.cloudbees.plugins.credentials.domains;

import java.util.List;

public class URIRequirementBuilder {
    private URIRequirementBuilder() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static URIRequirementBuilder create() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static URIRequirementBuilder fromUri(String uri) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public URIRequirementBuilder withUri(String uri) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public List<DomainRequirement> build() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
