package dev.pergola.rest.internal.openapi;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** JSON schemas for Java types, with named classes collected under {@code components/schemas}. */
final class Schemas {
    private final Map<String, Object> named = new TreeMap<>();

    Schemas() {
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
        if (type instanceof ParameterizedType p) {
            Class<?> raw = (Class<?>) p.getRawType();
            Type[] args = p.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", of(args[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", of(args[1]));
            }
            return of(raw);
        }
        if (type instanceof GenericArrayType g) {
            return Map.of("type", "array", "items", of(g.getGenericComponentType()));
        }
        if (type instanceof WildcardType w) {
            return of(w.getUpperBounds()[0]);
        }
        if (!(type instanceof Class<?> c)) {
            return Map.of();
        }
        if (c == String.class || c == char.class || c == Character.class) {
            return Map.of("type", "string");
        }
        if (c == int.class || c == Integer.class || c == short.class || c == Short.class || c == byte.class) {
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
        if (c.isEnum()) {
            return Map.of("type", "string", "enum", Arrays.stream(c.getEnumConstants()).map(Object::toString).toList());
        }
        if (c.isArray()) {
            return Map.of("type", "array", "items", of(c.getComponentType()));
        }
        if (Collection.class.isAssignableFrom(c)) {
            return Map.of("type", "array", "items", Map.of());
        }
        if (Map.class.isAssignableFrom(c) || c == Object.class || c.getName().startsWith("java.")
                || c.getName().startsWith("javax.")) {
            return Map.of();
        }
        String name = c.getSimpleName();
        if (!named.containsKey(name)) {
            named.put(name, Map.of()); // reserve the name first, so a type that refers to itself stops here
            named.put(name, describe(c));
        }
        return Map.of("$ref", "#/components/schemas/" + name);
    }

    private Map<String, Object> describe(Class<?> c) {
        Map<String, Object> properties = new TreeMap<>();
        for (Field f : c.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                properties.put(snake(f.getName()), of(f.getGenericType()));
            }
        }
        for (Method m : c.getMethods()) {
            String property = getterProperty(m);
            if (property != null) {
                properties.putIfAbsent(snake(property), of(m.getGenericReturnType()));
            }
        }
        if (c.isRecord()) {
            for (var component : c.getRecordComponents()) {
                properties.putIfAbsent(snake(component.getName()), of(component.getGenericType()));
            }
        }
        return Map.of("type", "object", "properties", properties);
    }

    private static String getterProperty(Method m) {
        if (m.getParameterCount() != 0 || Modifier.isStatic(m.getModifiers()) || m.getDeclaringClass() == Object.class) {
            return null;
        }
        String n = m.getName();
        if (n.startsWith("get") && n.length() > 3 && m.getReturnType() != void.class) {
            return Character.toLowerCase(n.charAt(3)) + n.substring(4);
        }
        if (n.startsWith("is") && n.length() > 2 && m.getReturnType() == boolean.class) {
            return Character.toLowerCase(n.charAt(2)) + n.substring(3);
        }
        return null;
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

}
