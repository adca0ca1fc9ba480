// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/listeners/ItemListener.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
// The callbacks' bodies are the real ones (empty; onCopied calls onCreated), so that listeners behave the same in tests.
// Left out: onCheckCopy/onCheckDelete and the static fire*/check* methods (they need hudson.model.Failure).
package hudson.model.listeners;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.model.Item;

public class ItemListener implements ExtensionPoint {
    public void onCreated(Item item) {
    }

    public void onCopied(Item src, Item item) {
        onCreated(item);
    }

    public void onLoaded() {
    }

    public void onDeleted(Item item) {
    }

    public void onRenamed(Item item, String oldName, String newName) {
    }

    public void onLocationChanged(Item item, String oldFullName, String newFullName) {}

    public void onUpdated(Item item) {
    }

    public void onBeforeShutdown() {
    }

    public static ExtensionList<ItemListener> all() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
