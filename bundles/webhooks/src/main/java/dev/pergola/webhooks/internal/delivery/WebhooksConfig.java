package dev.pergola.webhooks.internal.delivery;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** How webhooks are delivered, PID {@value #PID}; every setting applies without a restart. */
@ObjectClassDefinition(id = WebhooksConfig.PID, name = "Webhooks", description = "Delivery of platform events to webhook subscribers.")
public @interface WebhooksConfig {
    String PID = "dev.pergola.webhooks";

    @AttributeDefinition(name = "Allowed hosts", description = "Comma-separated host names, addresses or CIDR ranges"
            + " that deliveries may reach although they are loopback, private, link-local or otherwise internal"
            + " (e.g. hooks.internal, 10.1.0.0/16). Empty: only public addresses.")
    String allowed_hosts() default "";

    @AttributeDefinition(name = "Connect timeout (ms)", min = "100")
    int connect_timeout_ms() default 5000;

    @AttributeDefinition(name = "Read timeout (ms)", min = "100", description = "How long to wait for the receiver's answer.")
    int read_timeout_ms() default 10000;

    @AttributeDefinition(name = "First retry delay (ms)", min = "0")
    long retry_base_ms() default 10000;

    @AttributeDefinition(name = "Retry delay factor", min = "1", description = "Each retry waits this many times longer.")
    double retry_factor() default 2.0;

    @AttributeDefinition(name = "Longest retry delay (ms)", min = "0")
    long retry_max_delay_ms() default 3600000;

    @AttributeDefinition(name = "Attempts before giving up", min = "1")
    int max_attempts() default 8;

    @AttributeDefinition(name = "Parallel deliveries", min = "1", max = "64",
            description = "Deliveries in flight at once on this node (at most one per subscription).")
    int workers() default 4;

    @AttributeDefinition(name = "Events per dispatch", min = "1", max = "10000")
    int dispatch_batch() default 500;

    @AttributeDefinition(name = "Poll interval (ms)", min = "50",
            description = "Backstop: how often the queue is looked at when no event or delivery wakes it.")
    long poll_interval_ms() default 2000;

    @AttributeDefinition(name = "Backlog warning (s)", min = "1",
            description = "Health warns when a delivery has waited longer than this.")
    long health_late_seconds() default 600;

    @AttributeDefinition(name = "Failing subscription warning", min = "1",
            description = "Health warns when a subscription's oldest waiting delivery has failed this many times.")
    int health_failing_attempts() default 3;

    @AttributeDefinition(name = "Backlog size warning", min = "1",
            description = "Health warns when more deliveries than this are waiting, however young they are.")
    long health_backlog_max() default 1000;
}
