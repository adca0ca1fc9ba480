// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/ExtensionList.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson;

import java.util.AbstractList;
import jenkins.util.io.OnMaster;

public class ExtensionList<T> extends AbstractList<T> implements OnMaster {
    public final Class<T> extensionType;

    private ExtensionList() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public <U extends T> U get(Class<U> type) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public <U extends T> U getInstance(Class<U> type) throws IllegalStateException { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public T get(int index) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public int size() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static <T> ExtensionList<T> lookup(Class<T> type) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static <U> U lookupSingleton(Class<U> type) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static <U> U lookupFirst(Class<U> type) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
