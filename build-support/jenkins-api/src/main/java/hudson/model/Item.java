// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/Item.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.io.IOException;
import java.util.Collection;

public interface Item extends AccessControlled {
    ItemGroup<? extends Item> getParent();

    Collection<? extends Job> getAllJobs();

    String getName();

    String getFullName();

    String getDisplayName();

    String getFullDisplayName();

    String getUrl();

    String getShortUrl();

    void onLoad(ItemGroup<? extends Item> parent, String name) throws IOException;

    void onCopiedFrom(Item src);

    void save() throws IOException;

    void delete() throws IOException, InterruptedException;

    Permission CONFIGURE = Permission.fromId("hudson.model.Item.Configure");

    Permission READ = Permission.fromId("hudson.model.Item.Read");

    Permission EXTENDED_READ = Permission.fromId("hudson.model.Item.ExtendedRead");

    Permission BUILD = Permission.fromId("hudson.model.Item.Build");

    Permission CANCEL = Permission.fromId("hudson.model.Item.Cancel");
}
