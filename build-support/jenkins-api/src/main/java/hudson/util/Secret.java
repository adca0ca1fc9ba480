// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/util/Secret.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private Secret() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public String toString() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getPlainText() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public boolean equals(Object that) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    @Override
    public int hashCode() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public String getEncryptedValue() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static Secret decrypt(String data) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static Secret fromString(String data) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static String toString(Secret s) { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
