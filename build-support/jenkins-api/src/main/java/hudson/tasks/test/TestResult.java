// Mirrors jenkinsci/junit-plugin at 1312.v1a_235a_b_94a_31: src/main/java/hudson/tasks/test/TestResult.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.tasks.test;

public abstract class TestResult extends TestObject {
    TestResult() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
