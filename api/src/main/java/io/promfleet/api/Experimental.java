package io.promfleet.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A public type or member that may still change or disappear in any release, even a minor one, while
 * its design settles. Use it, but expect to adjust when upgrading; the release notes say what changed.
 *
 * <p>Class retention: see {@link Stable}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.FIELD, ElementType.PACKAGE})
public @interface Experimental {

    /** The promfleet version that introduced the element, e.g. {@code "0.1"}; empty when not given. */
    String since() default "";
}
