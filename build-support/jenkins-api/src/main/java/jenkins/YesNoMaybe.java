// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/jenkins/YesNoMaybe.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package jenkins;

public enum YesNoMaybe {
    YES,
    NO,
    MAYBE;

    public static Boolean toBoolean(YesNoMaybe v) { throw new UnsupportedOperationException("compile-only Jenkins API"); }

    public Boolean toBool() { throw new UnsupportedOperationException("compile-only Jenkins API"); }
}
