// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/Launcher.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson;

import java.io.IOException;
import java.util.Map;

public abstract class Launcher {
    private Launcher() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract Proc launch(ProcStarter starter) throws IOException;

    public abstract void kill(Map<String, String> modelEnvVars) throws IOException, InterruptedException;

    public final class ProcStarter {
        private ProcStarter() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
    }
}
