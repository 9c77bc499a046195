package dev.pergola.alerts.internal.eval;

import java.util.List;

/** The states of an alert instance, as stored and shown. */
public final class AlertStatus {
    public static final String TRIGGERED = "triggered";
    public static final String ACKNOWLEDGED = "acknowledged";
    public static final String RESOLVED = "resolved";
    public static final List<String> ALL = List.of(TRIGGERED, ACKNOWLEDGED, RESOLVED);

    private AlertStatus() {
    }
}
