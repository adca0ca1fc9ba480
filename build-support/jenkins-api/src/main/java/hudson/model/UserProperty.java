// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/UserProperty.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import hudson.ExtensionPoint;
import hudson.model.Descriptor.FormException;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest;

public abstract class UserProperty implements ReconfigurableDescribable<UserProperty>, ExtensionPoint {
    protected transient User user;

    protected void setUser(User u) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public UserPropertyDescriptor getDescriptor() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Deprecated
    @Override
    public UserProperty reconfigure(StaplerRequest req, JSONObject form) throws FormException { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
