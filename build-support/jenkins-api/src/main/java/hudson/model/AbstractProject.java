// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/AbstractProject.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import hudson.tasks.Publisher;
import hudson.util.DescribableList;

public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R> {
    private AbstractProject() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    protected abstract Class<R> getBuildClass();

    public abstract boolean isFingerprintConfigured();

    public abstract DescribableList<Publisher, Descriptor<Publisher>> getPublishersList();
}
