// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/security/ACLContext.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.security;

public class ACLContext implements AutoCloseable {
    ACLContext() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public void close() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
