// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/jenkins/model/CauseOfInterruption.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package jenkins.model;

import java.io.Serializable;

public abstract class CauseOfInterruption implements Serializable {
    /** Reached through super() by the mirrored UserInterruption; does nothing. */
    public CauseOfInterruption() {
    }

    public abstract String getShortDescription();

    public static final class UserInterruption extends CauseOfInterruption {
        public UserInterruption(String userId) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

        public String getUserId() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

        @Override
        public String getShortDescription() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
    }
}
