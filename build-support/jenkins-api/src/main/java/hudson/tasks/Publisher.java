// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/tasks/Publisher.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.tasks;

import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class Publisher extends BuildStepCompatibilityLayer implements Describable<Publisher> {
    @Deprecated
    protected Publisher() {
    }

    public boolean needsToRunAfterFinalized() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public Descriptor<Publisher> getDescriptor() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
