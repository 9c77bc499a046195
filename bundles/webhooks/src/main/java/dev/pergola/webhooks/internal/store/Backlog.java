package dev.pergola.webhooks.internal.store;

import java.util.Map;

/**
 * How the queue stands, for the health check.
 *
 * @param waiting deliveries not yet delivered nor given up
 * @param late of those, how many were queued longer ago than the caller's threshold
 * @param failing subscriptions whose oldest waiting delivery has failed at least the caller's number of times,
 *                id → attempts
 */
public record Backlog(long waiting, long late, Map<String, Integer> failing) {
}
