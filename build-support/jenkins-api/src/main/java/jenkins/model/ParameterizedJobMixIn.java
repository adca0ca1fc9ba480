// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/jenkins/model/ParameterizedJobMixIn.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package jenkins.model;

import hudson.model.Action;
import hudson.model.BuildAuthorizationToken;
import hudson.model.Job;
import hudson.model.Queue;
import hudson.model.Run;
import hudson.model.queue.QueueTaskFuture;

public abstract class ParameterizedJobMixIn<JobT extends Job<JobT, RunT> & ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & Queue.Task, RunT extends Run<JobT, RunT> & Queue.Executable> {
    ParameterizedJobMixIn() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    protected abstract JobT asJob();

    public interface ParameterizedJob<JobT extends Job<JobT, RunT> & ParameterizedJobMixIn.ParameterizedJob<JobT, RunT> & Queue.Task, RunT extends Run<JobT, RunT> & Queue.Executable> {
        BuildAuthorizationToken getAuthToken();

        default QueueTaskFuture<RunT> scheduleBuild2(int quietPeriod, Action... actions) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
    }
}
