// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/util/FormValidation.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson.util;

import java.io.IOException;

public abstract class FormValidation extends IOException {
    private FormValidation() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static FormValidation error(String message) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static FormValidation warning(String message) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static FormValidation ok(String message) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static FormValidation ok() { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static FormValidation error(String format, Object... args) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static FormValidation warning(String format, Object... args) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static FormValidation error(Throwable e, String message) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static FormValidation warning(Throwable e, String message) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static FormValidation aggregate(java.util.Collection<FormValidation> validations) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static FormValidation validateRequired(String value) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static FormValidation validatePositiveInteger(String value) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static FormValidation validateNonNegativeInteger(String value) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public static FormValidation validateIntegerInRange(String value, int lower, int upper) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public abstract String renderHtml();
}
