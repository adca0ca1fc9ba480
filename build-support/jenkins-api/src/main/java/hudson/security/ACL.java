// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/security/ACL.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.security;

import org.springframework.security.core.Authentication;

public abstract class ACL {
    /** Jenkins' own SYSTEM authentication at run time; null in this compile-only mirror. */
    public static final Authentication SYSTEM2 = null;

    public final void checkPermission(Permission p) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public final boolean hasPermission(Permission p) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static ACLContext as2(Authentication auth) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
