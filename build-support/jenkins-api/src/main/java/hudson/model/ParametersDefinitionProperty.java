// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/ParametersDefinitionProperty.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import java.util.List;

public class ParametersDefinitionProperty extends JobProperty<Job<?, ?>> {
    private ParametersDefinitionProperty() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public List<ParameterDefinition> getParameterDefinitions() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public ParameterDefinition getParameterDefinition(String name) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
