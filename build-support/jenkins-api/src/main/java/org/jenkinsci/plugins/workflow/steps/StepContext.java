// Mirrors jenkinsci/workflow-step-api-plugin at 704.ve4f0967e98fa_: src/main/java/org/jenkinsci/plugins/workflow/steps/StepContext.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Result;
import java.io.IOException;
import java.io.Serializable;

public abstract class StepContext implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Jenkins creates contexts; a plugin never subclasses this (the real type has more abstract methods). */
    private StepContext() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    public abstract void onSuccess(Object result);

    public abstract boolean isReady();

    public abstract void setResult(Result r);

    public abstract BodyInvoker newBodyInvoker() throws IllegalStateException;

    public boolean hasBody() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public abstract boolean equals(Object o);

    @Override
    public abstract int hashCode();
}
