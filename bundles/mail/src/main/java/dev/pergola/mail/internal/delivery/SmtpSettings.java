package dev.pergola.mail.internal.delivery;

import java.util.Locale;
import java.util.Properties;

/** The SMTP part of {@link MailConfig}, as Jakarta Mail session properties. */
public record SmtpSettings(String host, int port, String tls, String username, String password, String from,
        String fromName, int connectTimeoutMs, int timeoutMs) {

    public static SmtpSettings of(MailConfig c) {
        return new SmtpSettings(c.host().trim(), c.port(), c.tls().trim().toLowerCase(Locale.ROOT), c.username(),
                c.password(), c.from().trim(), c.from_name(), c.connect_timeout_ms(), c.timeout_ms());
    }

    /** @return why nothing can be sent, or null when a host and a sender are set */
    public String missing() {
        if (host.isEmpty()) {
            return "no SMTP host is configured (" + MailConfig.PID + " host)";
        }
        if (from.isEmpty() || from.indexOf('@') < 1) {
            return "no sender address is configured (" + MailConfig.PID + " from)";
        }
        if (!tls.equals("none") && !tls.equals("starttls") && !tls.equals("tls")) {
            return "tls must be none, starttls or tls, not '" + tls + "'";
        }
        return null;
    }

    /** {@code smtps} for TLS from the first byte, else {@code smtp}. */
    public String protocol() {
        return tls.equals("tls") ? "smtps" : "smtp";
    }

    public boolean authenticates() {
        return username != null && !username.isBlank();
    }

    Properties properties() {
        String p = "mail." + protocol() + ".";
        Properties props = new Properties();
        props.setProperty("mail.transport.protocol", protocol());
        props.setProperty(p + "host", host);
        props.setProperty(p + "port", Integer.toString(port));
        props.setProperty(p + "from", from);
        props.setProperty(p + "auth", Boolean.toString(authenticates()));
        props.setProperty(p + "connectiontimeout", Integer.toString(connectTimeoutMs));
        props.setProperty(p + "timeout", Integer.toString(timeoutMs));
        props.setProperty(p + "writetimeout", Integer.toString(timeoutMs));
        if (tls.equals("starttls")) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true");
        }
        if (!tls.equals("none")) {
            props.setProperty(p + "ssl.checkserveridentity", "true");
        }
        return props;
    }
}
