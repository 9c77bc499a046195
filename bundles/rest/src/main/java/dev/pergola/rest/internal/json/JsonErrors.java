package dev.pergola.rest.internal.json;

import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;

/**
 * Turns Jackson's read failures into envelope errors a client can act on. Messages speak JSON (a field, an
 * expected kind of value, a position), never Java: Jackson's own texts name internal classes.
 */
final class JsonErrors {
    private static final int MAX_ECHO = 40;

    private JsonErrors() {
    }

    static ApiException toApiException(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return ApiException.validation(field(unknown), "unknown field; allowed: " + unknown.getKnownPropertyIds()
                    .stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getMessage() != null
                && mismatch.getMessage().startsWith("No content")) {
            return new ApiException(ErrorCode.MALFORMED_REQUEST, "The request body is empty; a JSON document is required.");
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
            if (e instanceof InvalidFormatException bad) {
                return ApiException.validation(field(bad), "cannot read " + echo(bad.getValue()) + " as " + kind(target));
            }
            return ApiException.validation(field(mapping), target == null ? "has an unusable value"
                    : "has the wrong type, expected " + kind(target));
        }
        if (e instanceof JsonMappingException mapping) {
            Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
            return new ApiException(ErrorCode.MALFORMED_REQUEST, "The request body must be " + kind(target) + ".",
                    Map.of("body", java.util.List.of("must be " + kind(target))), Map.of());
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new ApiException(ErrorCode.MALFORMED_REQUEST, "Malformed JSON" + where + ".", Map.of(), Map.of());
    }

    /** The kind of JSON value a Java type is read from, in the client's words. */
    static String kind(Class<?> type) {
        if (type == null) {
            return "a JSON object";
        }
        if (type == String.class || type == char.class || type == Character.class) {
            return "text";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return "one of " + java.util.Arrays.stream(constants).map(c -> c.toString().toLowerCase(java.util.Locale.ROOT))
                    .collect(Collectors.joining(", "));
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 timestamp";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a JSON array";
        }
        return "a JSON object";
    }

    private static String echo(Object value) {
        String text = String.valueOf(value);
        return "'" + (text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "…" : text) + "'";
    }

    private static String field(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        return path.isEmpty() ? "body" : path;
    }
}
