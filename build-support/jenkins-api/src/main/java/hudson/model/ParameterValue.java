// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/ParameterValue.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import java.io.Serializable;

public abstract class ParameterValue implements Serializable {
    ParameterValue() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public final String getName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public boolean isSensitive() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
