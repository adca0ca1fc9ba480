// Mirrors jenkinsci/lib-symbol-annotation at symbol-annotation-1.24: src/main/java/org/jenkinsci/Symbol.java
// Compile-only: the real signatures, bodies that throw; Jenkins supplies the real class at run time.
package org.jenkinsci;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Indexed into {@code META-INF/annotations/org.jenkinsci.Symbol} by build-support/symbol-indexer (the real one is {@code @Indexed}). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
public @interface Symbol {
    String[] value();
}
