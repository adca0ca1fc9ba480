// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/AbstractDescribableImpl.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {
    @Override
    public Descriptor<T> getDescriptor() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
