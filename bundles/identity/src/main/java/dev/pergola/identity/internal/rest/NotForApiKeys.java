package dev.pergola.identity.internal.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method (or every method of a class) that only the account's owner, signed in with a login session,
 * may call: a request authenticated by an API key gets 403 PERMISSION_DENIED whatever the key's scopes. For what
 * would let a leaked key take the account over or watch it: the email, the password, sessions, other keys.
 * {@link AuthorizationFilter} enforces it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface NotForApiKeys {
}
