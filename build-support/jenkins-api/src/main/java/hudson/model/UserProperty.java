// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/UserProperty.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import hudson.ExtensionPoint;

public abstract class UserProperty implements ExtensionPoint {
    /** Reached through super() by mirrored subclasses (mailer's Mailer.UserProperty); does nothing. */
    protected UserProperty() {
    }
}
