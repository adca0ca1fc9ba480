// Mirrors jenkinsci/workflow-step-api-plugin at 704.ve4f0967e98fa_: src/main/java/org/jenkinsci/plugins/workflow/steps/SynchronousNonBlockingStepExecution.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package org.jenkinsci.plugins.workflow.steps;

public abstract class SynchronousNonBlockingStepExecution<T> extends StepExecution {
    protected SynchronousNonBlockingStepExecution(StepContext context) {
        super(context);
    }

    protected abstract T run() throws Exception;

    @Override
    public final boolean start() throws Exception { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public void stop(Throwable cause) throws Exception { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public void onResume() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
