package dev.pergola.plugins.internal.service;

import java.util.Map;

/** Safe mode: {@code -Dpergola.safemode=true} or {@code PERGOLA_SAFEMODE=true}. Every plugin stays stopped. */
final class SafeMode {
    static final String PROPERTY = "pergola.safemode";
    static final String VARIABLE = "PERGOLA_SAFEMODE";

    private SafeMode() {
    }

    static boolean on(Map<String, String> environment, String property) {
        return Boolean.parseBoolean(property) || Boolean.parseBoolean(environment.get(VARIABLE));
    }
}
