// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/SimpleParameterDefinition.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

public abstract class SimpleParameterDefinition extends ParameterDefinition {
    SimpleParameterDefinition() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract ParameterValue createValue(String value);
}
