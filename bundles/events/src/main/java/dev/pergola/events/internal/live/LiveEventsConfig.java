package dev.pergola.events.internal.live;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the live event streams (PID {@code dev.pergola.events}): SSE and WebSocket alike. */
@ObjectClassDefinition(name = "Pergola live events", description = "Server-Sent Events and WebSocket event streams")
public @interface LiveEventsConfig {
    String PID = "dev.pergola.events";

    @AttributeDefinition(name = "Connections per user",
            description = "Open streams (SSE and WebSocket together) one account may hold; more are refused with 429")
    int max_connections_per_user() default 5;

    @AttributeDefinition(name = "Heartbeat (seconds)",
            description = "A comment (SSE) or ping (WebSocket) this often keeps proxies from closing idle streams")
    int heartbeat_seconds() default 15;

    @AttributeDefinition(name = "Permission re-check (seconds)",
            description = "How often each stream's caller is checked again: an ended session or deactivated account "
                    + "closes the stream, changed roles change what it receives")
    int recheck_seconds() default 30;

    @AttributeDefinition(name = "Most events replayed",
            description = "A stream resumed with Last-Event-ID further behind than this is refused (422): read the "
                    + "gap from the audit log and reconnect without Last-Event-ID")
    int replay_max_events() default 1000;

    @AttributeDefinition(name = "WebSocket authentication timeout (seconds)",
            description = "A WebSocket that has not sent its auth message by then is closed")
    int auth_timeout_seconds() default 10;
}
