// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/CauseAction.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

public class CauseAction implements Action {
    public CauseAction(Cause c) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public String getIconFileName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public String getDisplayName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public String getUrlName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
