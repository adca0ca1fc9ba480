// Mirrors jenkinsci/junit-plugin at 1312.v1a_235a_b_94a_31: src/main/java/hudson/tasks/test/AbstractTestResultAction.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.tasks.test;

import hudson.model.Action;
import java.util.List;

public abstract class AbstractTestResultAction<T extends AbstractTestResultAction> implements Action {
    AbstractTestResultAction() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract int getFailCount();

    public int getSkipCount() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract int getTotalCount();

    public abstract Object getResult();

    public List<? extends TestResult> getFailedTests() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
