// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/Cause.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

public abstract class Cause {
    public abstract String getShortDescription();

    public static class UpstreamCause extends Cause {
        private UpstreamCause() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

        public String getUpstreamProject() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

        public int getUpstreamBuild() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

        @Override
        public String getShortDescription() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
    }

    public static class UserIdCause extends Cause {
        public UserIdCause() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

        public UserIdCause(String userId) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

        public String getUserId() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

        public String getUserName() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

        @Override
        public String getShortDescription() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
    }
}
