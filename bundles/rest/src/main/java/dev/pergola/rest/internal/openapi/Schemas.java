package dev.pergola.rest.internal.openapi;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

/**
 * JSON schemas for Java types, as the platform's own mapper writes them: property names, order and
 * visibility come from Jackson's introspection (so snake_case, records by component, public fields, getters),
 * enum values from serializing each constant, {@code Instant} as {@code date-time}. Plain classes are named
 * under {@code components/schemas} (a nested record as {@code OuterInner}); a generic instance such as
 * {@code ApiResponse<List<UserView>>} is described inline with its type arguments resolved.
 */
final class Schemas {
    private final ObjectMapper mapper;
    private final Map<String, Object> named = new TreeMap<>();
    private final Map<Class<?>, String> names = new HashMap<>();

    Schemas(ObjectMapper mapper) {
        this.mapper = mapper;
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", Map.of("type", "string"));
        error.put("message", Map.of("type", "string"));
        error.put("details", Map.of("type", "object", "additionalProperties",
                Map.of("type", "array", "items", Map.of("type", "string"))));
        error.put("request_id", Map.of("type", "string"));
        error.put("timestamp", Map.of("type", "string", "format", "date-time"));
        named.put("Error", Map.of("type", "object", "properties",
                Map.of("error", Map.of("type", "object", "properties", error))));
    }

    Map<String, Object> all() {
        return named;
    }

    Map<String, Object> of(Type type) {
        return of(mapper.constructType(type));
    }

    Map<String, Object> of(JavaType t) {
        Class<?> c = t.getRawClass();
        if (t.isReferenceType()) { // AtomicReference<T> (and Optional<T> once jdk8 types are registered)
            return of(t.getReferencedType());
        }
        if (c == Optional.class) { // the value or nothing
            return of(t.containedTypeOrUnknown(0));
        }
        if (c == byte[].class) {
            return Map.of("type", "string", "format", "byte");
        }
        if (t.isArrayType() || t.isCollectionLikeType()) {
            return Map.of("type", "array", "items", of(t.getContentType()));
        }
        if (t.isMapLikeType()) {
            return Map.of("type", "object", "additionalProperties", of(t.getContentType()));
        }
        Map<String, Object> scalar = scalar(c);
        if (scalar != null) {
            return scalar;
        }
        if (c.isEnum()) {
            return Map.of("type", "string", "enum", Arrays.stream(c.getEnumConstants())
                    .map(constant -> mapper.valueToTree(constant).asText()).toList());
        }
        if (c == Object.class || c.getName().startsWith("java.")
                || c.getName().startsWith("javax.") || c.getName().startsWith("com.fasterxml.")) {
            return Map.of();
        }
        if (t.hasGenericTypes()) {
            return describe(t);
        }
        String name = names.get(c);
        if (name == null) {
            name = freeName(c);
            names.put(c, name);
            named.put(name, Map.of()); // reserve the name first, so a type that refers to itself stops here
            named.put(name, describe(t));
        }
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    private Map<String, Object> describe(JavaType t) {
        BeanDescription bean = mapper.getSerializationConfig().introspect(t);
        Map<String, Object> properties = new LinkedHashMap<>();
        for (BeanPropertyDefinition p : bean.findProperties()) {
            if (p.couldSerialize()) {
                properties.put(p.getName(), of(p.getPrimaryType()));
            }
        }
        return Map.of("type", "object", "properties", properties);
    }

    private static Map<String, Object> scalar(Class<?> c) {
        if (c == String.class || c == char.class || c == Character.class) {
            return Map.of("type", "string");
        }
        if (c == int.class || c == Integer.class || c == short.class || c == Short.class || c == byte.class
                || c == Byte.class) {
            return Map.of("type", "integer", "format", "int32");
        }
        if (c == long.class || c == Long.class || c == BigInteger.class) {
            return Map.of("type", "integer", "format", "int64");
        }
        if (c == double.class || c == Double.class || c == float.class || c == Float.class || c == BigDecimal.class) {
            return Map.of("type", "number");
        }
        if (c == boolean.class || c == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (c == UUID.class) {
            return Map.of("type", "string", "format", "uuid");
        }
        if (c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class || c == java.util.Date.class) {
            return Map.of("type", "string", "format", "date-time");
        }
        if (c == LocalDate.class) {
            return Map.of("type", "string", "format", "date");
        }
        return null;
    }

    /** {@code PluginDetails.Requirement} → {@code PluginDetailsRequirement}; a clash of names gets a number. */
    private String freeName(Class<?> c) {
        String base = c.getName().substring(c.getPackageName().isEmpty() ? 0 : c.getPackageName().length() + 1)
                .replace("$", "");
        String name = base;
        for (int i = 2; named.containsKey(name); i++) {
            name = base + i;
        }
        return name;
    }
}
