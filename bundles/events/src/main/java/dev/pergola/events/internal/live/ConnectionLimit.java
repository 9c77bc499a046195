package dev.pergola.events.internal.live;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Open streams per account, SSE and WebSocket together. */
final class ConnectionLimit {
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    /** Takes a slot for the user unless {@code max} are already open. */
    boolean tryAcquire(String userId, int max) {
        boolean[] taken = {false};
        open.compute(userId, (id, count) -> {
            int n = count == null ? 0 : count;
            if (n >= max) {
                return count;
            }
            taken[0] = true;
            return n + 1;
        });
        return taken[0];
    }

    void release(String userId) {
        open.computeIfPresent(userId, (id, count) -> count <= 1 ? null : count - 1);
    }

    int openBy(String userId) {
        return open.getOrDefault(userId, 0);
    }
}
