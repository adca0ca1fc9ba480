// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/util/DaemonThreadFactory.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.util;

import java.util.concurrent.ThreadFactory;

public class DaemonThreadFactory implements ThreadFactory {
    public DaemonThreadFactory() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public DaemonThreadFactory(ThreadFactory core) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public Thread newThread(Runnable r) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
