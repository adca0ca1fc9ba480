// Mirrors jenkinsci/jenkins at jenkins-2.479.3: core/src/main/java/hudson/Extension.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package hudson;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import jenkins.YesNoMaybe;
import net.java.sezpoz.Indexable;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static jenkins.YesNoMaybe.MAYBE;

/** SezPoz indexes it into {@code META-INF/annotations/hudson.Extension}, which Jenkins' ExtensionFinder reads. */
@Indexable
@Retention(RUNTIME)
@Target({TYPE, FIELD, METHOD})
@Documented
public @interface Extension {
    double ordinal() default 0;

    boolean optional() default false;

    YesNoMaybe dynamicLoadable() default MAYBE;
}
