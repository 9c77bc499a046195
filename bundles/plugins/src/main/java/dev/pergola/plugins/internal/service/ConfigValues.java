package dev.pergola.plugins.internal.service;

import dev.pergola.api.errors.PergolaException;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.metatype.AttributeDefinition;


/** JSON values ↔ Config Admin values, checked against Metatype attribute definitions. */
final class ConfigValues {
    private ConfigValues() {
    }

    static Hashtable<String, Object> validate(List<AttributeDefinition> definitions, Map<String, Object> values) {
        Map<String, AttributeDefinition> byId = new LinkedHashMap<>();
        definitions.forEach(ad -> byId.put(ad.getID(), ad));
        Map<String, List<String>> problems = new LinkedHashMap<>();
        Hashtable<String, Object> result = new Hashtable<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            AttributeDefinition ad = byId.get(e.getKey());
            if (ad == null) {
                problems.put(e.getKey(), List.of("is not a setting of this configuration; known: " + String.join(", ", byId.keySet())));
                continue;
            }
            if (e.getValue() == null) {
                problems.put(e.getKey(), List.of("must have a value"));
                continue;
            }
            List<Object> items = e.getValue() instanceof List<?> list ? new ArrayList<>(list) : List.of(e.getValue());
            if (ad.getCardinality() == 0 && items.size() != 1) {
                problems.put(e.getKey(), List.of("takes a single value"));
                continue;
            }
            List<Object> converted = new ArrayList<>();
            for (Object item : items) {
                String text = String.valueOf(item);
                String invalid = ad.validate(text);
                Object value = convert(ad.getType(), text);
                if (value == null) {
                    problems.put(e.getKey(), List.of("must be of type " + typeName(ad.getType())));
                    break;
                }
                if (invalid != null && !invalid.isEmpty()) {
                    problems.put(e.getKey(), List.of(invalid));
                    break;
                }
                converted.add(value);
            }
            if (!problems.containsKey(e.getKey())) {
                result.put(e.getKey(), ad.getCardinality() == 0 ? converted.get(0) : toArray(ad.getType(), converted));
            }
        }
        if (!problems.isEmpty()) {
            throw PergolaException.invalid(problems);
        }
        return result;
    }

    private static Object convert(int type, String text) {
        try {
            return switch (type) {
                case AttributeDefinition.LONG -> Long.valueOf(text.trim());
                case AttributeDefinition.INTEGER -> Integer.valueOf(text.trim());
                case AttributeDefinition.SHORT -> Short.valueOf(text.trim());
                case AttributeDefinition.BYTE -> Byte.valueOf(text.trim());
                case AttributeDefinition.DOUBLE -> Double.valueOf(text.trim());
                case AttributeDefinition.FLOAT -> Float.valueOf(text.trim());
                case AttributeDefinition.BOOLEAN -> text.trim().equalsIgnoreCase("true") ? Boolean.TRUE
                        : text.trim().equalsIgnoreCase("false") ? Boolean.FALSE : null;
                case AttributeDefinition.CHARACTER -> text.length() == 1 ? Character.valueOf(text.charAt(0)) : null;
                default -> text;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Object toArray(int type, List<Object> values) {
        Class<?> component = switch (type) {
            case AttributeDefinition.LONG -> Long.class;
            case AttributeDefinition.INTEGER -> Integer.class;
            case AttributeDefinition.SHORT -> Short.class;
            case AttributeDefinition.BYTE -> Byte.class;
            case AttributeDefinition.DOUBLE -> Double.class;
            case AttributeDefinition.FLOAT -> Float.class;
            case AttributeDefinition.BOOLEAN -> Boolean.class;
            case AttributeDefinition.CHARACTER -> Character.class;
            default -> String.class;
        };
        Object array = Array.newInstance(component, values.size());
        for (int i = 0; i < values.size(); i++) {
            Array.set(array, i, values.get(i));
        }
        return array;
    }

    static Object toJson(Object value) {
        if (value != null && value.getClass().isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                list.add(Array.get(value, i));
            }
            return list;
        }
        return value;
    }

    static String typeName(int type) {
        return switch (type) {
            case AttributeDefinition.LONG -> "long";
            case AttributeDefinition.INTEGER -> "integer";
            case AttributeDefinition.SHORT -> "short";
            case AttributeDefinition.BYTE -> "byte";
            case AttributeDefinition.DOUBLE -> "double";
            case AttributeDefinition.FLOAT -> "float";
            case AttributeDefinition.BOOLEAN -> "boolean";
            case AttributeDefinition.CHARACTER -> "character";
            case AttributeDefinition.PASSWORD -> "password";
            default -> "string";
        };
    }
}
