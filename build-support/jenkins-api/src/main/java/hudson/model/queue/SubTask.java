// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/queue/SubTask.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model.queue;

import hudson.model.Queue;
import hudson.model.ResourceActivity;
import java.io.IOException;

public interface SubTask extends ResourceActivity {
    Queue.Executable createExecutable() throws IOException;
}
