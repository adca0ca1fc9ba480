// Mirrors jenkinsci/credentials-plugin at 1415.v831096eb_5534: src/main/java/com/cloudbees/plugins/credentials/common/StandardListBoxModel.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package com.cloudbees.plugins.credentials.common;

public class StandardListBoxModel extends AbstractIdCredentialsListBoxModel<StandardListBoxModel, StandardCredentials> {
    public StandardListBoxModel() {
    }

    @Override
    protected String describe(StandardCredentials c) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
