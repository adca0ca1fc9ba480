// Mirrors jenkinsci/workflow-step-api-plugin at 704.ve4f0967e98fa_: src/main/java/org/jenkinsci/plugins/workflow/steps/StepDescriptor.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Map;
import java.util.Set;

public abstract class StepDescriptor extends Descriptor<Step> {
    public abstract Set<? extends Class<?>> getRequiredContext();

    public Set<? extends Class<?>> getProvidedContext() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract String getFunctionName();

    public boolean takesImplicitBlockArgument() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public boolean isAdvanced() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String argumentsToString(Map<String, Object> namedArgs) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
