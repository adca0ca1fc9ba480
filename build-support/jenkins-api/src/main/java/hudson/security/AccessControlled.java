// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/security/AccessControlled.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.security;

public interface AccessControlled {
    ACL getACL();

    default void checkPermission(Permission permission) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    default boolean hasPermission(Permission permission) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
