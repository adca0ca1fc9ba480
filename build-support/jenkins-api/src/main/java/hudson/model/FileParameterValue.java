// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/FileParameterValue.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

public class FileParameterValue extends ParameterValue {
    private FileParameterValue() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
