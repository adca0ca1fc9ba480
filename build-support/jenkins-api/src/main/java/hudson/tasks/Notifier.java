// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/tasks/Notifier.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.tasks;

import hudson.ExtensionPoint;

public abstract class Notifier extends Publisher implements ExtensionPoint {
    @SuppressWarnings("deprecation")
    protected Notifier() {
    }

    @Override
    public BuildStepDescriptor getDescriptor() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
