// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/Executor.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import jenkins.model.CauseOfInterruption;

public class Executor extends Thread {
    Executor() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public void interrupt(Result result, CauseOfInterruption... causes) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
