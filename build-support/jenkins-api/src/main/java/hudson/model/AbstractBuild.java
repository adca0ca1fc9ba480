// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/AbstractBuild.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import hudson.EnvVars;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {
    private AbstractBuild() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract void run();

    public final P getProject() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public R getPreviousBuild() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public R getNextBuild() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public Set<String> getSensitiveBuildVariables() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public Map<String, String> getBuildVariables() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public EnvVars getEnvironment(TaskListener log) throws IOException, InterruptedException { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
