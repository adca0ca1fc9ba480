// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/jenkins/model/Loadable.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package jenkins.model;

import java.io.IOException;

public interface Loadable {
    void load() throws IOException;
}
