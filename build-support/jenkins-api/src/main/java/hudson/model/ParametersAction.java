// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/ParametersAction.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import java.util.List;

public class ParametersAction implements Action {
    private ParametersAction() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public ParametersAction(List<ParameterValue> parameters) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public List<ParameterValue> getParameters() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public String getDisplayName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public String getIconFileName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public String getUrlName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
