// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/BuildAuthorizationToken.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

public final class BuildAuthorizationToken {
    private BuildAuthorizationToken() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
