// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/tasks/BuildStepDescriptor.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.tasks;

import hudson.model.AbstractProject;
import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class BuildStepDescriptor<T extends BuildStep & Describable<T>> extends Descriptor<T> {
    protected BuildStepDescriptor(Class<? extends T> clazz) {
        super(clazz);
    }

    protected BuildStepDescriptor() {
    }

    public abstract boolean isApplicable(Class<? extends AbstractProject> jobType);
}
