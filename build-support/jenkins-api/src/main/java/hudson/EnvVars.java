// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/EnvVars.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson;

import java.util.Map;
import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
    public EnvVars() {
    }

    public EnvVars(Map<String, String> m) {
        super(m);
    }

    public String expand(String s) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
