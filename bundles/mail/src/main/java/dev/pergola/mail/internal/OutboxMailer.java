package dev.pergola.mail.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.mail.MailMessage;
import dev.pergola.api.mail.Mailer;
import dev.pergola.api.persistence.Database;
import dev.pergola.api.persistence.MigratedSchema;

/**
 * Stores each message in the outbox table with status {@code queued}. Delivery over SMTP drains that table
 * (the Email capability); until it is configured, queued messages wait there and nothing is lost.
 */
@Component(service = Mailer.class)
public class OutboxMailer implements Mailer {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxMailer.class);
    static final String INSERT = "INSERT INTO pergola_mail_outbox"
            + " (id, recipient, subject, text_body, html_body, category, status, attempts, created_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?)";

    private final DataSource dataSource;

    @Activate
    public OutboxMailer(@Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.mail)") MigratedSchema schema) {
        this.dataSource = dataSource;
    }

    @Override
    public String send(MailMessage message) {
        String id = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setString(1, id);
            insert.setString(2, message.to());
            insert.setString(3, message.subject());
            insert.setString(4, message.text());
            insert.setString(5, message.html());
            insert.setString(6, message.category());
            insert.setTimestamp(7, Timestamp.from(Instant.now()));
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not queue the email '" + message.subject() + "': " + e.getMessage(), e);
        }
        LOG.debug("Queued email {} ({})", id, message.category());
        return id;
    }
}
