// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/scm/ChangeLogSet.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.scm;

import hudson.model.User;
import java.util.Collection;

public abstract class ChangeLogSet<T extends ChangeLogSet.Entry> implements Iterable<T> {
    ChangeLogSet() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract boolean isEmptySet();

    public abstract static class Entry {
        Entry() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

        public String getCommitId() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

        public abstract String getMsg();

        public abstract User getAuthor();

        public abstract Collection<String> getAffectedPaths();
    }
}
