// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/Queue.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import hudson.model.queue.SubTask;
import jenkins.console.WithConsoleUrl;

public class Queue {
    private Queue() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public boolean cancel(Task p) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public interface Task extends ModelObject, SubTask {
        String getName();

        String getFullDisplayName();

        String getUrl();
    }

    public interface Executable extends Runnable, WithConsoleUrl {
        SubTask getParent();

        @Override
        void run();

        @Override
        default String getConsoleUrl() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

        @Override
        String toString();
    }
}
