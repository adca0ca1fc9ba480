// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/jenkins/model/Jenkins.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package jenkins.model;

import hudson.ExtensionList;
import hudson.ProxyConfiguration;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.security.ACL;
import hudson.security.AccessControlled;
import hudson.security.Permission;
import java.io.File;
import jenkins.util.io.OnMaster;

public class Jenkins implements AccessControlled, OnMaster, Loadable {
    public static final Permission ADMINISTER = Permission.fromId("hudson.model.Hudson.Administer");

    public static final Permission MANAGE = Permission.fromId("hudson.model.Hudson.Manage");

    public static final Permission READ = Permission.fromId("hudson.model.Hudson.Read");

    public static final Permission SYSTEM_READ = Permission.fromId("hudson.model.Hudson.SystemRead");

    private Jenkins() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static Jenkins get() throws IllegalStateException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static Jenkins getInstanceOrNull() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public ProxyConfiguration getProxy() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getRootUrl() throws IllegalStateException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public <T> ExtensionList<T> getExtensionList(Class<T> extensionType) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public Descriptor getDescriptor(Class<? extends Describable> type) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public Descriptor getDescriptorOrDie(Class<? extends Describable> type) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public <T extends Descriptor> T getDescriptorByType(Class<T> type) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public <T extends Item> T getItemByFullName(String fullName, Class<T> type) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public Item getItemByFullName(String fullName) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public Queue getQueue() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public <T extends Item> Iterable<T> allItems(Class<T> type) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public File getRootDir() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getLegacyInstanceId() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public ACL getACL() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public void load() throws java.io.IOException { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
