// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/Descriptor.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import jenkins.model.Loadable;
import jenkins.util.io.OnMaster;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest;

public abstract class Descriptor<T extends Describable<T>> implements Loadable, Saveable, OnMaster {
    public final transient Class<? extends T> clazz;

    /** Records the described class, as the real constructor does; nothing else. */
    @SuppressWarnings("unchecked")
    protected Descriptor(Class<? extends T> clazz) {
        this.clazz = clazz == self() ? (Class<? extends T>) getClass() : clazz;
    }

    /** Infers the described class from the enclosing class, as the real constructor does; nothing else. */
    @SuppressWarnings("unchecked")
    protected Descriptor() {
        this.clazz = (Class<? extends T>) getClass().getEnclosingClass();
    }

    public String getDisplayName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getId() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getHelpFile() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getHelpFile(final String fieldName) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getConfigPage() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getGlobalConfigPage() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Deprecated
    public boolean configure(StaplerRequest req, JSONObject json) throws FormException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public synchronized void save() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public synchronized void load() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static final class Self {
    }

    protected static Class self() {
        return Self.class;
    }

    // (The real class also implements org.kohsuke.stapler.HttpResponse, whose Stapler 1903 signature is not mirrored.)
    public static final class FormException extends Exception {
        private final String formField;

        /** The plugin creates it (form errors); the constructors keep message and field so tests can see them. */
        public FormException(String message, String formField) {
            super(message);
            this.formField = formField;
        }

        public FormException(String message, Throwable cause, String formField) {
            super(message, cause);
            this.formField = formField;
        }

        public FormException(Throwable cause, String formField) {
            super(cause);
            this.formField = formField;
        }

        public String getFormField() {
            return formField;
        }
    }
}
