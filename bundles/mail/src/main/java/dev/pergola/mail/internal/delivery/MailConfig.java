package dev.pergola.mail.internal.delivery;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** How email leaves the platform, PID {@value #PID}; every setting applies to the next batch, without a restart. */
@ObjectClassDefinition(id = MailConfig.PID, name = "Email", description = "SMTP delivery of the email queue.")
public @interface MailConfig {
    String PID = "dev.pergola.mail";

    @AttributeDefinition(name = "SMTP host", description = "Empty: nothing is sent, mail waits in the queue"
            + " (health WARN).")
    String host() default "";

    @AttributeDefinition(name = "SMTP port", min = "1", max = "65535", description = "587 for STARTTLS, 465 for TLS, 25 plain.")
    int port() default 587;

    @AttributeDefinition(name = "Transport security", options = {
            @Option(value = "none", label = "none (plain SMTP)"),
            @Option(value = "starttls", label = "STARTTLS (required)"),
            @Option(value = "tls", label = "TLS from the first byte (SMTPS)")})
    String tls() default "starttls";

    @AttributeDefinition(name = "User name", description = "Empty: no SMTP AUTH.")
    String username() default "";

    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(name = "From address", description = "The envelope and header sender, e.g. noreply@example.com.")
    String from() default "";

    @AttributeDefinition(name = "From name", description = "Display name beside the from address.")
    String from_name() default "Pergola";

    @AttributeDefinition(name = "Attempts before giving up", min = "1")
    int max_attempts() default 8;

    @AttributeDefinition(name = "First retry delay (ms)", min = "0")
    long retry_base_ms() default 30000;

    @AttributeDefinition(name = "Retry delay factor", min = "1", description = "Each retry waits this many times longer.")
    double retry_factor() default 2.0;

    @AttributeDefinition(name = "Longest retry delay (ms)", min = "0")
    long retry_max_delay_ms() default 3600000;

    @AttributeDefinition(name = "Messages per SMTP connection", min = "1", max = "500")
    int batch_size() default 20;

    @AttributeDefinition(name = "Connect timeout (ms)", min = "100")
    int connect_timeout_ms() default 10000;

    @AttributeDefinition(name = "Read/write timeout (ms)", min = "100", description = "Per SMTP command.")
    int timeout_ms() default 20000;

    @AttributeDefinition(name = "Poll interval (ms)", min = "50",
            description = "How often the queue is looked at when nothing wakes the sender.")
    long poll_interval_ms() default 2000;

    @AttributeDefinition(name = "Backlog warning (s)", min = "1",
            description = "Health warns when a pending message is older than this.")
    long health_late_seconds() default 900;

    @AttributeDefinition(name = "Backlog size warning", min = "1",
            description = "Health warns when more messages than this are pending, however young they are.")
    long health_backlog_max() default 500;
}
