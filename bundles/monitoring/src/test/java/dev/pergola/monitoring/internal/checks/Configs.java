package dev.pergola.monitoring.internal.checks;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A typed configuration as DS would build it: the given values, else each attribute's default. */
final class Configs {
    private Configs() {
    }

    static <T> T of(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            return method.getDefaultValue();
        }));
    }
}
