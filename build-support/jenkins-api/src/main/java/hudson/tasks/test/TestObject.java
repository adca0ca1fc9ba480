// Mirrors jenkinsci/junit-plugin at 1312.v1a_235a_b_94a_31: src/main/java/hudson/tasks/test/TestObject.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.tasks.test;

public abstract class TestObject {
    TestObject() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract TestObject getParent();

    public String getFullDisplayName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract TestResult getPreviousResult();

    public abstract TestResult findCorrespondingResult(String id);

    public abstract float getDuration();

    public abstract int getPassCount();

    public abstract int getFailCount();

    public abstract int getSkipCount();
}
