package dev.pergola.monitoring.internal;

import org.osgi.framework.Bundle;

final class BundleStates {
    private BundleStates() {
    }

    static String name(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "installed";
            case Bundle.RESOLVED -> "resolved";
            case Bundle.STARTING -> "starting";
            case Bundle.STOPPING -> "stopping";
            case Bundle.ACTIVE -> "active";
            case Bundle.UNINSTALLED -> "uninstalled";
            default -> "unknown";
        };
    }
}
