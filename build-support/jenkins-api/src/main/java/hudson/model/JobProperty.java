// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/JobProperty.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import hudson.ExtensionPoint;

public abstract class JobProperty<J extends Job<?, ?>> implements ExtensionPoint {
    JobProperty() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
