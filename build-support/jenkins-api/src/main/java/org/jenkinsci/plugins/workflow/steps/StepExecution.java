// Mirrors jenkinsci/workflow-step-api-plugin at 704.ve4f0967e98fa_: src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    protected StepExecution() {
    }

    protected StepExecution(StepContext context) {
    }

    public StepContext getContext() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public void onResume() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getStatus() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
