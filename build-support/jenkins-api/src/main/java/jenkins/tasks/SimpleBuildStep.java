// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/jenkins/tasks/SimpleBuildStep.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package jenkins.tasks;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStep;
import java.io.IOException;

public interface SimpleBuildStep extends BuildStep {
    @Deprecated
    default void perform(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener) throws InterruptedException, IOException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    default void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener) throws InterruptedException, IOException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    default void perform(Run<?, ?> run, EnvVars env, TaskListener listener) throws InterruptedException, IOException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    default boolean requiresWorkspace() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
