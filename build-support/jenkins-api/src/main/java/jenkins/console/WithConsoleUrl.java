// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/jenkins/console/WithConsoleUrl.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package jenkins.console;

public interface WithConsoleUrl {
    String getConsoleUrl();
}
