// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/tasks/BuildStepMonitor.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.tasks;

public enum BuildStepMonitor {
    NONE,
    STEP,
    BUILD
}
