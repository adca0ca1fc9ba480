// Mirrors jenkinsci/credentials-plugin at 1415.v831096eb_5534: src/main/java/com/cloudbees/plugins/credentials/CredentialsMatchers.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package com.cloudbees.plugins.credentials;

import java.io.Serializable;

public class CredentialsMatchers {
    private CredentialsMatchers() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static CredentialsMatcher always() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static CredentialsMatcher never() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static CredentialsMatcher instanceOf(Class clazz) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static CredentialsMatcher withId(String id) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static CredentialsMatcher allOf(CredentialsMatcher... matchers) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static CredentialsMatcher anyOf(CredentialsMatcher... matchers) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static <C extends Credentials> C firstOrNull(Iterable<C> credentials, CredentialsMatcher matcher) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
