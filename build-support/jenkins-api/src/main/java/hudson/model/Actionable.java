// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/model/Actionable.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.model;

import java.util.List;

public abstract class Actionable {
    Actionable() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public List<Action> getActions() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public <T extends Action> List<T> getActions(Class<T> type) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public void addAction(Action a) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public <T extends Action> T getAction(Class<T> type) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
