package dev.pergola.identity.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A typed configuration (component property type) with its defaults, some of them overridden. */
public final class Configs {
    private Configs() {
    }

    public static <A> A of(Class<A> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getName().equals("annotationType")) {
                return type;
            }
            Object value = overrides.get(method.getName());
            return value != null ? value : method.getDefaultValue();
        }));
    }
}
