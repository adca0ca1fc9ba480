// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/ParameterDefinition.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import hudson.ExtensionPoint;
import java.io.Serializable;

public abstract class ParameterDefinition implements ExtensionPoint, Serializable {
    ParameterDefinition() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public ParameterValue getDefaultParameterValue() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
