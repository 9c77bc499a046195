package dev.pergola.events.internal.ws;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.WebSocketListener;
import org.eclipse.jetty.websocket.api.WriteCallback;

import com.fasterxml.jackson.databind.JsonNode;

import dev.pergola.api.identity.Authenticator;
import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.events.internal.EventJson;
import dev.pergola.events.internal.live.LiveEvents;

/**
 * One connection of {@code /api/v1/ws}, speaking seed 003's protocol: {@code auth} first (an access token or an API
 * key; anything else, or a bad token, gets an {@code error} and the socket is closed), then {@code subscribe},
 * {@code unsubscribe} and {@code ping}; the server pushes {@code event} messages.
 */
final class EventSocket implements WebSocketListener {
    private static final Pattern CHANNEL = Pattern.compile("\\*|[a-z][a-z0-9_]{0,39}");
    private static final int MAX_FILTERS = 50;
    /** Messages queued for a client that has not read them yet, beyond which it is disconnected. */
    private static final int MAX_UNSENT = 1000;

    private final LiveEvents live;
    private final Authenticator authenticator;
    private volatile Session session;
    private volatile WsSubscriber subscriber;
    private final AtomicInteger unsent = new AtomicInteger();

    EventSocket(LiveEvents live, Authenticator authenticator) {
        this.live = live;
        this.authenticator = authenticator;
    }

    @Override
    public void onWebSocketConnect(Session connected) {
        this.session = connected;
        live.schedule(() -> {
            if (subscriber == null && connected.isOpen()) {
                refuse("AUTHENTICATION_REQUIRED", "Authenticate first: {\"type\":\"auth\",\"token\":\"<access token or API key>\"}.");
            }
        }, Math.max(1, live.config().auth_timeout_seconds()));
    }

    @Override
    public void onWebSocketText(String text) {
        JsonNode message;
        try {
            message = EventJson.MAPPER.readTree(text);
        } catch (IOException e) {
            message = null;
        }
        if (message == null || !message.isObject()) {
            if (subscriber == null) {
                refuse("AUTHENTICATION_REQUIRED", "The first message must be {\"type\":\"auth\",\"token\":\"…\"}.");
            } else {
                error("MALFORMED_REQUEST", "Messages are JSON objects with a \"type\".");
            }
            return;
        }
        String type = message.path("type").asText("");
        if (subscriber == null) {
            if (type.equals("auth")) {
                authenticate(message.path("token").asText(null));
            } else {
                refuse("AUTHENTICATION_REQUIRED", "The first message must be {\"type\":\"auth\",\"token\":\"…\"}.");
            }
            return;
        }
        switch (type) {
            case "subscribe" -> subscribe(message);
            case "unsubscribe" -> unsubscribe(message);
            case "ping" -> send(Map.of("type", "pong", "timestamp", Instant.now().toString()));
            case "auth" -> error("VALIDATION_ERROR", "This connection is already authenticated.");
            default -> error("VALIDATION_ERROR", "Unknown message type '" + abbreviated(type)
                    + "'; use subscribe, unsubscribe or ping.");
        }
    }

    private void authenticate(String token) {
        Optional<PergolaPrincipal> caller = authenticator.authenticate(token);
        if (caller.isEmpty()) {
            refuse("INVALID_TOKEN", "The token is not valid (unknown, expired or revoked); sign in again.");
            return;
        }
        WsSubscriber signedIn = new WsSubscriber(caller.get(), this);
        if (!live.open(signedIn, Optional.empty())) {
            close(StatusCode.TRY_AGAIN_LATER, "RATE_LIMIT_EXCEEDED", "You already have "
                    + live.config().max_connections_per_user() + " live event streams open; close one first.");
            return;
        }
        subscriber = signedIn;
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", caller.get().userId());
        user.put("username", caller.get().getName());
        send(Map.of("type", "authenticated", "user", user));
    }

    private void subscribe(JsonNode message) {
        String channel = message.path("channel").asText("");
        JsonNode filters = message.path("filters");
        List<String> types = new ArrayList<>();
        filters.path("event_types").forEach(t -> types.add(t.asText()));
        JsonNode target = filters.path("target_id");
        if (!CHANNEL.matcher(channel).matches() || types.size() > MAX_FILTERS
                || types.stream().anyMatch(t -> !t.matches("\\*|[a-z0-9_]+(\\.[a-z0-9_]+)*(\\.\\*)?"))) {
            error("VALIDATION_ERROR", "Subscribe with a channel (an area such as plugin, user, auth, or *) and "
                    + "optional filters {\"event_types\": [\"plugin.enabled\", \"user.*\"], \"target_id\": \"…\"}.");
            return;
        }
        Subscription subscription = new Subscription(channel, types, target.isValueNode() ? target.asText() : null);
        subscriber.subscribe(subscription);
        send(Map.of("type", "subscribed", "channel", channel, "filters", subscription.describe()));
    }

    private void unsubscribe(JsonNode message) {
        String channel = message.path("channel").asText("");
        if (!subscriber.unsubscribe(channel)) {
            error("RESOURCE_NOT_FOUND", "No subscription to channel '" + abbreviated(channel) + "'.");
            return;
        }
        send(Map.of("type", "unsubscribed", "channel", channel));
    }

    @Override
    public void onWebSocketBinary(byte[] payload, int offset, int length) {
        error("UNSUPPORTED_MEDIA_TYPE", "Messages are JSON text frames.");
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        WsSubscriber current = subscriber;
        if (current != null) {
            current.close(null, "client closed");
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        onWebSocketClose(StatusCode.ABNORMAL, null);
    }

    void send(Map<String, ?> message) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            return;
        }
        if (unsent.incrementAndGet() > MAX_UNSENT) {
            // a client that does not read would make the server queue without end: let it go
            unsent.decrementAndGet();
            s.close(StatusCode.POLICY_VIOLATION, "too slow");
            onWebSocketClose(StatusCode.POLICY_VIOLATION, null);
            return;
        }
        s.getRemote().sendString(EventJson.write(message), new WriteCallback() {
            @Override
            public void writeFailed(Throwable failure) {
                unsent.decrementAndGet();
                onWebSocketClose(StatusCode.ABNORMAL, null);
            }

            @Override
            public void writeSuccess() {
                unsent.decrementAndGet();
            }
        });
    }

    /** A WebSocket ping frame (queued like any frame, never blocking the hub's timer). */
    void ping() {
        Session s = session;
        if (s != null && s.isOpen()) {
            try {
                s.getRemote().sendPing(ByteBuffer.allocate(0));
            } catch (IOException | RuntimeException gone) {
                onWebSocketClose(StatusCode.ABNORMAL, null);
            }
        }
    }

    private void error(String code, String message) {
        send(Map.of("type", "error", "code", code, "message", message));
    }

    private void refuse(String code, String message) {
        close(StatusCode.POLICY_VIOLATION, code, message);
    }

    /** Called by the hub when it ends the stream (session ended, shutdown). */
    void end(String code, String reason) {
        int status = code == null ? StatusCode.NORMAL
                : code.equals("SERVICE_UNAVAILABLE") ? StatusCode.SHUTDOWN
                : code.equals("INTERNAL_ERROR") ? StatusCode.SERVER_ERROR : StatusCode.POLICY_VIOLATION;
        close(status, code, reason);
    }

    private void close(int status, String code, String message) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            return;
        }
        if (code != null) {
            error(code, message);
        }
        s.close(status, code);
    }

    private static String abbreviated(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
