package dev.pergola.identity.internal.rest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.pergola.api.query.ListQuery;

/**
 * A view record as the ordered map of its JSON members (snake_case names, as the JSON provider writes them), so a
 * list can apply the list query's {@code fields=} projection; null members are kept, as the API has always shown
 * them.
 */
final class RecordFields {
    private RecordFields() {
    }

    static Map<String, Object> of(Record view) {
        Map<String, Object> members = new LinkedHashMap<>();
        for (RecordComponent c : view.getClass().getRecordComponents()) {
            try {
                members.put(snake(c.getName()), c.getAccessor().invoke(view));
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("Cannot read " + c.getName() + " of " + view.getClass().getName(), e);
            }
        }
        return members;
    }

    /** The members the list query's {@code fields=} asks for. */
    static Map<String, Object> project(ListQuery query, Record view) {
        return query.project(of(view));
    }

    static String snake(String camel) {
        StringBuilder b = new StringBuilder(camel.length() + 4);
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                b.append('_').append(Character.toLowerCase(ch));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
