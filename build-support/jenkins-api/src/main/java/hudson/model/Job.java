// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/Job.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import java.util.SortedMap;

public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable implements Item {
    Job() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public boolean isInQueue() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public int getNextBuildNumber() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public <T extends JobProperty> T getProperty(Class<T> clazz) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract boolean isBuildable();

    protected abstract SortedMap<Integer, ? extends RunT> _getRuns();

    protected abstract void removeRun(RunT run);

    public RunT getLastBuild() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public RunT getLastCompletedBuild() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public RunT getBuildByNumber(int n) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public final String getAbsoluteUrl() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
