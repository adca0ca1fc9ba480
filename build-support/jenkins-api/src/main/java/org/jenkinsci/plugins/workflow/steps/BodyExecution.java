// Mirrors jenkinsci/workflow-step-api-plugin at 704.ve4f0967e98fa_: src/main/java/org/jenkinsci/plugins/workflow/steps/BodyExecution.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;
import java.util.Collection;

public abstract class BodyExecution implements Serializable {
    private BodyExecution() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract Collection<StepExecution> getCurrentExecutions();
}
