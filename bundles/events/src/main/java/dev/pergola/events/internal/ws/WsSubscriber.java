package dev.pergola.events.internal.ws;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.pergola.api.events.PergolaEvent;
import dev.pergola.api.identity.PergolaPrincipal;
import dev.pergola.events.internal.EventJson;
import dev.pergola.events.internal.live.Subscriber;

/** A signed-in WebSocket as the hub sees it: its subscriptions, each event sent once under the first that matches. */
final class WsSubscriber extends Subscriber {
    private final EventSocket socket;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

    WsSubscriber(PergolaPrincipal principal, EventSocket socket) {
        super(principal);
        this.socket = socket;
    }

    void subscribe(Subscription subscription) {
        subscriptions.put(subscription.channel(), subscription);
    }

    boolean unsubscribe(String channel) {
        return subscriptions.remove(channel) != null;
    }

    private Optional<Subscription> matching(PergolaEvent event) {
        return subscriptions.values().stream().filter(s -> s.matches(event)).findFirst();
    }

    @Override
    protected boolean wants(PergolaEvent event) {
        return matching(event).isPresent();
    }

    @Override
    protected void send(PergolaEvent event) {
        matching(event).ifPresent(subscription -> {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("type", "event");
            message.put("channel", subscription.channel());
            message.put("data", EventJson.body(event));
            message.put("timestamp", event.timestamp().toString());
            socket.send(message);
        });
    }

    @Override
    protected void heartbeat() {
        socket.ping();
    }

    @Override
    protected void terminate(String code, String reason) {
        socket.end(code, reason);
    }
}
