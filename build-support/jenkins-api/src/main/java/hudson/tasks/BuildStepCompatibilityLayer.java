// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/tasks/BuildStepCompatibilityLayer.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.tasks;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.Action;
import hudson.model.BuildListener;
import java.io.IOException;
import java.util.Collection;

public abstract class BuildStepCompatibilityLayer implements BuildStep {
    @Override
    public boolean prebuild(AbstractBuild<?, ?> build, BuildListener listener) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener) throws InterruptedException, IOException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public Action getProjectAction(AbstractProject<?, ?> project) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public Collection<? extends Action> getProjectActions(AbstractProject<?, ?> project) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
