// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/InvisibleAction.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

public abstract class InvisibleAction implements Action {
    /** The plugin's own actions subclass it; the constructor must not throw so they can be created in tests. */
    protected InvisibleAction() {
    }

    public final String getIconFileName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public final String getDisplayName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getUrlName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
