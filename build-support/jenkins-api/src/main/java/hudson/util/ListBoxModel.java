// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/util/ListBoxModel.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.util;

import java.util.ArrayList;
import java.util.Collection;

public class ListBoxModel extends ArrayList<ListBoxModel.Option> {
    public static final class Option {
        public String name;

        public String value;

        public boolean selected;

        public Option(String name, String value) {
            this(name, value, false);
        }

        public Option(String name) {
            this(name, name, false);
        }

        public Option(String name, String value, boolean selected) {
            this.name = name;
            this.value = value;
            this.selected = selected;
        }
    }

    public ListBoxModel(int initialCapacity) {
        super(initialCapacity);
    }

    public ListBoxModel() {
    }

    public ListBoxModel(Collection<Option> c) {
        super(c);
    }

    public ListBoxModel(Option... data) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public void add(String displayName, String value) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public ListBoxModel add(String nameAndValue) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public Option[] values() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
