package dev.pergola.plugins.internal.service;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Configuration values as the audit trail may see them: a property whose name looks secret ({@code db.password},
 * {@code api.key}, {@code client_secret}, {@code signing.token}…) never leaves the plugin manager with its value, only
 * whether it has one. The audit trail redacts such names too; masking here means the value is not even handed over.
 */
final class ConfigSecrets {
    static final String MASK = "********";
    /** Words of a property name that mark a secret ({@code key} only as a whole word: {@code max.keys} is not). */
    private static final Pattern SECRET = Pattern.compile(
            "password|passwd|passphrase|secret|token|credential|private|hash|salt|authorization|cookie|apikey"
                    + "|(^|[._\\-])(api)?key($|[._\\-])|(^|[._\\-])(otp|pin)$");

    private ConfigSecrets() {
    }

    static boolean looksSecret(String name) {
        // camelCase words apart first: signingKey is signing.key
        return name != null && SECRET.matcher(name.replaceAll("([a-z0-9])([A-Z])", "$1.$2").toLowerCase(Locale.ROOT))
                .find();
    }

    /** A copy of {@code values} with the value of every secret-looking name replaced by {@link #MASK} (null stays null). */
    static Map<String, Object> masked(Map<String, Object> values) {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((name, value) -> copy.put(name, value != null && looksSecret(name) ? MASK : value));
        return copy;
    }
}
