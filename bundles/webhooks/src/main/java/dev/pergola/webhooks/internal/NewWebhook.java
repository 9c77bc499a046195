package dev.pergola.webhooks.internal;

import java.util.List;

/**
 * What a caller sends to subscribe. {@code secret} may be left out: one is then generated and returned once.
 * {@code active} defaults to true.
 */
public record NewWebhook(String url, List<String> events, String secret, Boolean active, String description) {
}
