// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/UserPropertyDescriptor.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

public abstract class UserPropertyDescriptor extends Descriptor<UserProperty> {
    protected UserPropertyDescriptor(Class<? extends UserProperty> clazz) {
        super(clazz);
    }

    protected UserPropertyDescriptor() {
    }

    public abstract UserProperty newInstance(User user);

    public boolean isEnabled() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
