// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/Proc.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Only here so that {@link Launcher#launch} can be declared; the plugin starts no process. */
public abstract class Proc {
    private Proc() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract boolean isAlive() throws IOException, InterruptedException;

    public abstract void kill() throws IOException, InterruptedException;

    public abstract int join() throws IOException, InterruptedException;

    public abstract InputStream getStdout();

    public abstract InputStream getStderr();

    public abstract OutputStream getStdin();
}
