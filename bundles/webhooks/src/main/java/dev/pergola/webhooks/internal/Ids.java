package dev.pergola.webhooks.internal;

import java.util.UUID;

/** Ids this bundle hands out: {@code wh_…} subscriptions, {@code dlv_…} deliveries, {@code evt_…} test pings. */
public final class Ids {
    private Ids() {
    }

    public static String webhook() {
        return "wh_" + random();
    }

    public static String delivery() {
        return "dlv_" + random();
    }

    public static String event() {
        return "evt_" + random();
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "");
    }
}
