// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/util/NamingThreadFactory.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.util;

import java.util.concurrent.ThreadFactory;

public final class NamingThreadFactory implements ThreadFactory {
    public NamingThreadFactory(ThreadFactory delegate, String name) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public Thread newThread(Runnable r) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
