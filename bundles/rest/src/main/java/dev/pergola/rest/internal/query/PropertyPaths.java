package dev.pergola.rest.internal.query;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads a dotted property path ({@code owner.name}) from an object: record accessor or no-argument public
 * method of that name, then {@code getX}/{@code isX}, then a public field; maps by key. Through a collection
 * the result is the list of every element's value.
 */
final class PropertyPaths {
    private PropertyPaths() {
    }

    static Object read(Object item, String path) {
        Object current = item;
        for (String name : path.split("\\.")) {
            current = step(current, name);
        }
        return current;
    }

    private static Object step(Object from, String name) {
        if (from == null) {
            return null;
        }
        if (from instanceof Collection<?> many) {
            List<Object> values = new ArrayList<>();
            for (Object element : many) {
                Object v = step(element, name);
                if (v instanceof Collection<?> nested) {
                    values.addAll(nested);
                } else {
                    values.add(v);
                }
            }
            return values;
        }
        if (from instanceof Map<?, ?> map) {
            return map.get(name);
        }
        String capital = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String candidate : List.of(name, "get" + capital, "is" + capital)) {
            try {
                Method m = from.getClass().getMethod(candidate);
                if (!Modifier.isStatic(m.getModifiers()) && m.getReturnType() != void.class) {
                    m.trySetAccessible(); // a public record nested in a package-private class
                    return m.invoke(from);
                }
            } catch (NoSuchMethodException e) {
                // try the next spelling
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read '" + name + "' of " + from.getClass().getName(), e);
            }
        }
        try {
            Field f = from.getClass().getField(name);
            return f.get(from);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("no property '" + name + "' on " + from.getClass().getName()
                    + " (a ListSpec attribute names a record component, getter or public field)", e);
        }
    }
}
