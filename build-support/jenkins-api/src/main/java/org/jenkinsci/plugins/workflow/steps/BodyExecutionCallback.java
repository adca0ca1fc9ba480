// Mirrors jenkinsci/workflow-step-api-plugin at 704.ve4f0967e98fa_: src/main/java/org/jenkinsci/plugins/workflow/steps/BodyExecutionCallback.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class BodyExecutionCallback implements Serializable {
    private BodyExecutionCallback() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract void onSuccess(StepContext context, Object result);

    public abstract void onFailure(StepContext context, Throwable t);
}
