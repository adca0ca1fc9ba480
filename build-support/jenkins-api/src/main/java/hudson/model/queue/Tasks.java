// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/queue/Tasks.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model.queue;

import hudson.model.Queue.Task;
import org.springframework.security.core.Authentication;

public class Tasks {
    public static Authentication getAuthenticationOf2(Task t) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
