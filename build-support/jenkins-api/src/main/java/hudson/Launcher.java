// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/Launcher.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson;

public abstract class Launcher {
    private Launcher() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
