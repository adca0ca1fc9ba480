// Mirrors jenkinsci/workflow-step-api-plugin at 704.ve4f0967e98fa_: src/main/java/org/jenkinsci/plugins/workflow/steps/Step.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package org.jenkinsci.plugins.workflow.steps;

import hudson.ExtensionPoint;
import hudson.model.AbstractDescribableImpl;

public abstract class Step extends AbstractDescribableImpl<Step> implements ExtensionPoint {
    public abstract StepExecution start(StepContext context) throws Exception;

    @Override
    public StepDescriptor getDescriptor() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
