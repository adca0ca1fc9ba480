// Mirrors jenkinsci/workflow-step-api-plugin at 704.ve4f0967e98fa_: src/main/java/org/jenkinsci/plugins/workflow/steps/BodyInvoker.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package org.jenkinsci.plugins.workflow.steps;

/** Only here so that {@link StepContext#newBodyInvoker()} can be declared; the plugin's step takes no body. */
public abstract class BodyInvoker {
    private BodyInvoker() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract BodyInvoker withContext(Object override);

    public abstract BodyInvoker withDisplayName(String name);

    public abstract BodyInvoker withCallback(BodyExecutionCallback callback);

    public abstract BodyExecution start();
}
