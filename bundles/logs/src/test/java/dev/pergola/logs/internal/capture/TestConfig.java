package dev.pergola.logs.internal.capture;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A {@link LogsConfig} with its defaults, except what {@code overrides} names (method name → value). */
public final class TestConfig {
    private TestConfig() {
    }

    public static LogsConfig of(Map<String, Object> overrides) {
        return (LogsConfig) Proxy.newProxyInstance(LogsConfig.class.getClassLoader(), new Class<?>[] {LogsConfig.class},
                (proxy, method, args) -> overrides.containsKey(method.getName()) ? overrides.get(method.getName())
                        : method.getDefaultValue());
    }
}
