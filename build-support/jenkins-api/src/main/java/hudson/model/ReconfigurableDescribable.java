// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/ReconfigurableDescribable.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
// The StaplerRequest2 variant of reconfigure is left out: Central's Stapler has no StaplerRequest2 (a default method,
// so implementations lose nothing).
package hudson.model;

import hudson.model.Descriptor.FormException;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest;

public interface ReconfigurableDescribable<T extends ReconfigurableDescribable<T>> extends Describable<T> {
    @Deprecated
    default T reconfigure(StaplerRequest req, JSONObject form) throws FormException { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
