// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/util/DescribableList.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.util;

import hudson.model.Describable;
import hudson.model.Descriptor;

public class DescribableList<T extends Describable<T>, D extends Descriptor<T>> {
    private DescribableList() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
