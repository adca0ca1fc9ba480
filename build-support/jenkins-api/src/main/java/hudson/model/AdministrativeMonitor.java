// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/AdministrativeMonitor.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.security.Permission;
import java.io.IOException;
import org.kohsuke.stapler.StaplerProxy;

public abstract class AdministrativeMonitor extends AbstractModelObject implements ExtensionPoint, StaplerProxy {
    public final String id;

    /** Records the id, as the real constructor does; nothing else. */
    protected AdministrativeMonitor(String id) {
        this.id = id;
    }

    /** Takes the class name as the id, as the real constructor does; nothing else. */
    protected AdministrativeMonitor() {
        this.id = getClass().getName();
    }

    public String getUrl() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public String getDisplayName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public void disable(boolean value) throws IOException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public boolean isEnabled() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract boolean isActivated();

    public boolean isSecurity() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Deprecated
    public Permission getRequiredPermission() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public void checkRequiredPermission() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public boolean hasRequiredPermission() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static boolean hasPermissionToDisplay() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public Object getTarget() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static ExtensionList<AdministrativeMonitor> all() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
