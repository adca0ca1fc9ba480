// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/jenkins/scm/RunWithSCM.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package jenkins.scm;

import hudson.model.Job;
import hudson.model.Run;
import hudson.scm.ChangeLogSet;
import java.util.List;
import java.util.Set;

public interface RunWithSCM<JobT extends Job<JobT, RunT>,
        RunT extends Run<JobT, RunT> & RunWithSCM<JobT, RunT>> {
    List<ChangeLogSet<? extends ChangeLogSet.Entry>> getChangeSets();

    Set<String> getCulpritIds();

    boolean shouldCalculateCulprits();
}
