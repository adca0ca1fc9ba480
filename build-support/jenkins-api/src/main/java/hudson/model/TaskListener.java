// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/TaskListener.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import java.io.PrintStream;
import java.io.PrintWriter;

public interface TaskListener {
    PrintStream getLogger();

    default PrintWriter error(String msg) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    default PrintWriter error(String format, Object... args) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    default PrintWriter fatalError(String msg) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
