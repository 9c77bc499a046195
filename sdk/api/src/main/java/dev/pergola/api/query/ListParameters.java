package dev.pergola.api.query;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a JAX-RS list method whose query string is read by {@link ListQueryParser}, and names the static
 * {@link ListSpec} field of the resource class it is read against (any visibility; {@code LIST} by default).
 * The OpenAPI document then lists {@code page}, {@code per_page}, {@code sort} (with the sortable fields),
 * {@code search}, {@code fields} and one {@code filter[field]} per filterable field.
 *
 * <pre>
 * static final ListSpec LIST = ListSpec.builder()…build();
 *
 * &#64;GET
 * &#64;ListParameters
 * public ApiResponse&lt;List&lt;UserView&gt;&gt; list(&#64;Context UriInfo uri) { … parser.parse(uri.getQueryParameters(), LIST) … }
 * </pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ListParameters {
    /** The name of a static {@code ListSpec} field declared by the resource class (or a superclass). */
    String value() default "LIST";
}
