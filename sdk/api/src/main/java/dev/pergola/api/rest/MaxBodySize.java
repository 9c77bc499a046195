package dev.pergola.api.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Raises (or lowers) the request body limit for one resource method or class, e.g. an upload
 * endpoint. Without it the platform-wide limit of {@code dev.pergola.rest} applies.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface MaxBodySize {
    /** Largest accepted body, in bytes. */
    long value();
}
