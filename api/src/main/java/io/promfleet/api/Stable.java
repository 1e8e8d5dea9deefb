package io.promfleet.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A public type or member that keeps its binary compatibility within the same major {@link SpiVersion}:
 * it may gain {@code default} methods and new overloads, but nothing is removed, renamed or changes
 * meaning. Plugin authors and embedders may rely on it.
 *
 * <p>Class retention, like JUnit's {@code @API}: the mark lives in the class files (so tools such as
 * japicmp and IDEs can read it) without being visible to reflection or costing anything at run time.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD, ElementType.PACKAGE})
public @interface Stable {

    /** The promfleet version in which the element became stable, e.g. {@code "0.1"}; empty when not given. */
    String since() default "";
}
