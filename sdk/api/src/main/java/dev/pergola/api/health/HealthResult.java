package dev.pergola.api.health;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The outcome of one health check. */
public final class HealthResult {
    /**
     * {@code UP}: fine. {@code WARN}: degraded but serving (e.g. a plugin failed; the platform and other plugins
     * work), reported with HTTP 200. {@code DOWN}: the node should not receive traffic (HTTP 503).
     */
    public enum Status { UP, WARN, DOWN }

    private final Status status;
    private final String message;
    private final Map<String, Object> details;

    private HealthResult(Status status, String message, Map<String, Object> details) {
        this.status = status;
        this.message = message;
        this.details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static HealthResult up(String message) {
        return new HealthResult(Status.UP, message, Map.of());
    }

    public static HealthResult up(String message, Map<String, Object> details) {
        return new HealthResult(Status.UP, message, details);
    }

    public static HealthResult warn(String message, Map<String, Object> details) {
        return new HealthResult(Status.WARN, message, details);
    }

    public static HealthResult down(String message) {
        return new HealthResult(Status.DOWN, message, Map.of());
    }

    public static HealthResult down(String message, Map<String, Object> details) {
        return new HealthResult(Status.DOWN, message, details);
    }

    public Status status() {
        return status;
    }

    public boolean isUp() {
        return status == Status.UP;
    }

    public String message() {
        return message;
    }

    public Map<String, Object> details() {
        return details;
    }
}
