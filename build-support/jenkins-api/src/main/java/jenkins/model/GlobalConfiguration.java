// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/jenkins/model/GlobalConfiguration.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package jenkins.model;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest;

public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration> implements ExtensionPoint, Describable<GlobalConfiguration> {
    protected GlobalConfiguration() {
        super(self());
    }

    @Override
    public final Descriptor<GlobalConfiguration> getDescriptor() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public String getGlobalConfigPage() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Deprecated
    @Override
    public boolean configure(StaplerRequest req, JSONObject json) throws FormException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static ExtensionList<GlobalConfiguration> all() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
