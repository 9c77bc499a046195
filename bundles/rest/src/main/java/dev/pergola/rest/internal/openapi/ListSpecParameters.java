package dev.pergola.rest.internal.openapi;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListParameters;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.query.Operator;

/**
 * The query parameters of a {@link ListParameters} method, from the {@link ListSpec} it names: {@code page},
 * {@code per_page}, {@code sort} (sortable fields listed), {@code search} (when a field is searchable),
 * {@code fields}, and one {@code filter[field]} per filterable field, typed like the field.
 */
final class ListSpecParameters {
    private ListSpecParameters() {
    }

    /** @throws IllegalStateException when the named field is missing or not a static ListSpec */
    static ListSpec specOf(Class<?> type, Method method) {
        String name = method.getAnnotation(ListParameters.class).value();
        for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
            try {
                Field f = t.getDeclaredField(name);
                if (!Modifier.isStatic(f.getModifiers()) || !ListSpec.class.isAssignableFrom(f.getType())) {
                    break;
                }
                f.trySetAccessible();
                return (ListSpec) f.get(null);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + t.getName() + "." + name, e);
            }
        }
        throw new IllegalStateException("@ListParameters(\"" + name + "\") on " + type.getName() + "." + method.getName()
                + ": the class has no static ListSpec field of that name");
    }

    static List<Map<String, Object>> of(ListSpec spec) {
        List<Map<String, Object>> params = new ArrayList<>();
        params.add(param("page", Map.of("type", "integer", "format", "int32", "minimum", 1, "default", 1), "Page number, from 1."));
        params.add(param("per_page", Map.of("type", "integer", "format", "int32", "minimum", 1,
                "maximum", ListSpec.MAX_PER_PAGE, "default", ListSpec.DEFAULT_PER_PAGE), "Items per page."));
        String sortable = names(spec, ListSpec.Field::sortable);
        if (!sortable.isEmpty()) {
            Map<String, Object> sort = new LinkedHashMap<>();
            sort.put("type", "string");
            if (!spec.defaultSort().isBlank()) {
                sort.put("default", spec.defaultSort());
            }
            Map<String, Object> p = param("sort", sort, "Comma-separated fields, '-' first for descending. Sortable: "
                    + sortable + ".");
            p.put("x-sortable", List.of(sortable.split(", ")));
            params.add(p);
        }
        String searchable = names(spec, ListSpec.Field::searchable);
        if (!searchable.isEmpty()) {
            params.add(param("search", Map.of("type", "string", "maxLength", 200),
                    "Case-insensitive text found in any of: " + searchable + "."));
        }
        params.add(param("fields", Map.of("type", "string"), "Comma-separated fields to return (id always). Fields: "
                + names(spec, f -> true) + "."));
        for (ListSpec.Field f : spec.fields()) {
            if (f.filterable()) {
                params.add(param("filter[" + f.name() + "]", schema(f.type()), "Equal to; or filter[" + f.name()
                        + "][op] with op one of " + operators(f.type()) + " (in and between take comma-separated values)."));
            }
        }
        return params;
    }

    private static Map<String, Object> param(String name, Map<String, Object> schema, String description) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("in", "query");
        p.put("required", false);
        p.put("description", description);
        p.put("schema", schema);
        return p;
    }

    static Map<String, Object> schema(FieldType type) {
        return switch (type) {
            case STRING -> Map.of("type", "string");
            case INTEGER -> Map.of("type", "integer", "format", "int32");
            case LONG -> Map.of("type", "integer", "format", "int64");
            case DECIMAL -> Map.of("type", "number");
            case BOOLEAN -> Map.of("type", "boolean");
            case TIMESTAMP -> Map.of("type", "string", "format", "date-time");
            case UUID -> Map.of("type", "string", "format", "uuid");
        };
    }

    private static String operators(FieldType type) {
        return java.util.Arrays.stream(Operator.values())
                .filter(op -> op != Operator.LIKE || type == FieldType.STRING)
                .filter(op -> type.isOrdered() || !List.of(Operator.GT, Operator.GTE, Operator.LT, Operator.LTE,
                        Operator.BETWEEN).contains(op))
                .map(Operator::token).collect(Collectors.joining(", "));
    }

    private static String names(ListSpec spec, java.util.function.Predicate<ListSpec.Field> which) {
        return spec.fields().stream().filter(which).map(ListSpec.Field::name).collect(Collectors.joining(", "));
    }
}
