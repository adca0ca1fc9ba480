// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/BulkChange.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson;

import hudson.model.Saveable;
import java.io.Closeable;
import java.io.IOException;

public class BulkChange implements Closeable {
    public final Exception allocator;

    /** Records nothing, so plugin code using try-with-resources can run in unit tests; Jenkins' does the real work. */
    public BulkChange(Saveable saveable) {
        this.allocator = null;
    }

    public void commit() throws IOException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public void close() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public void abort() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static BulkChange current() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static boolean contains(Saveable s) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static final Saveable ALL = null;
}
