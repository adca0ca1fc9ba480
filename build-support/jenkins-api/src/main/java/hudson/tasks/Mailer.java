// Mirrors jenkinsci/mailer-plugin at 489.vd4b_25144138f: src/main/java/hudson/tasks/Mailer.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.tasks;

public class Mailer {
    private Mailer() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static class UserProperty extends hudson.model.UserProperty {
        private UserProperty() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

        public String getExplicitlyConfiguredAddress() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
    }
}
