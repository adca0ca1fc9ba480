// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/Run.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import hudson.EnvVars;
import java.io.IOException;
import java.util.Calendar;
import java.util.List;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> extends Actionable implements Comparable<RunT> {
    Run() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public Result getResult() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public void setResult(Result r) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public boolean isBuilding() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public Executor getExecutor() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public List<Cause> getCauses() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public <T extends Cause> T getCause(Class<T> type) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public JobT getParent() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public Calendar getTimestamp() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public final long getTimeInMillis() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public final long getStartTimeInMillis() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getDurationString() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public long getDuration() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getFullDisplayName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getDisplayName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public int getNumber() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public RunT getPreviousBuild() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public final RunT getPreviousCompletedBuild() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public RunT getPreviousNotFailedBuild() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public RunT getPreviousFailedBuild() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public RunT getPreviousSuccessfulBuild() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public RunT getNextBuild() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getUrl() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public final String getAbsoluteUrl() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getId() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public List<String> getLog(int maxLines) throws IOException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public synchronized void save() throws IOException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public EnvVars getEnvironment(TaskListener listener) throws IOException, InterruptedException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getExternalizableId() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public int compareTo(RunT that) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
