// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/AbortException.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson;

import java.io.IOException;

public class AbortException extends IOException {
    /** The plugin creates it (failOnError); the constructors only reach IOException so tests can see the message. */
    public AbortException() {
    }

    public AbortException(String message) {
        super(message);
    }
}
