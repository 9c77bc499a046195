package dev.pergola.mail.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.mail.MailMessage;
import dev.pergola.api.mail.Mailer;
import dev.pergola.api.mail.TemplatedMail;
import dev.pergola.api.persistence.Database;
import dev.pergola.api.persistence.MigratedSchema;
import dev.pergola.api.security.SecretBox;
import dev.pergola.mail.internal.delivery.MailSender;
import dev.pergola.mail.internal.template.TemplateRenderer;

/**
 * Stores each message in the outbox table with status {@code pending}, its bodies sealed ({@link SealedBodies}):
 * they may carry password-reset links, and the table is readable by any code with SQL access. Delivery over
 * SMTP drains that table ({@link MailSender}); until SMTP is configured, pending messages wait there and
 * nothing is lost.
 */
@Component(service = Mailer.class)
public class OutboxMailer implements Mailer {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxMailer.class);
    static final String INSERT = "INSERT INTO pergola_mail_outbox"
            + " (id, recipient, subject, text_body, html_body, category, status, attempts, created_at, next_attempt_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)";

    /** Sealed text bodies are about 4/3 of their UTF-8 size; the column holds this many characters. */
    static final int BODY_COLUMN_CHARS = 1_100_000;

    private final DataSource dataSource;
    private final SealedBodies bodies;
    private final TemplateRenderer templates;

    /** Woken after each message is stored, so it leaves without waiting for the sender's next poll. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MailSender sender;

    @Activate
    public OutboxMailer(@Reference(target = Database.DATASOURCE_FILTER) DataSource dataSource,
            @Reference(target = "(" + MigratedSchema.OWNER + "=dev.pergola.mail)") MigratedSchema schema,
            @Reference SecretBox box, @Reference TemplateRenderer templates) throws SQLException {
        this.templates = templates;
        this.dataSource = dataSource;
        this.bodies = new SealedBodies(box);
        sealClearBodies();
    }

    /** How the sender reads the bodies it delivers. */
    public SealedBodies bodies() {
        return bodies;
    }

    @Override
    public String send(MailMessage message) {
        String id = UUID.randomUUID().toString();
        String text = bodies.seal(id, SealedBodies.Part.TEXT, message.text());
        String html = bodies.seal(id, SealedBodies.Part.HTML, message.html());
        if (text.length() > BODY_COLUMN_CHARS || (html != null && html.length() > BODY_COLUMN_CHARS)) {
            throw new IllegalStateException("The email '" + message.subject() + "' is too large to queue");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement insert = c.prepareStatement(INSERT)) {
            insert.setString(1, id);
            insert.setString(2, message.to());
            insert.setString(3, message.subject());
            insert.setString(4, text);
            insert.setString(5, html);
            insert.setString(6, message.category());
            Timestamp now = Timestamp.from(Instant.now());
            insert.setTimestamp(7, now);
            insert.setTimestamp(8, now);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not queue the email '" + message.subject() + "': " + e.getMessage(), e);
        }
        LOG.debug("Queued email {} ({})", id, message.category());
        MailSender running = sender;
        if (running != null) {
            running.wake();
        }
        return id;
    }

    /** Rendered now, on the caller's thread: a broken template or model fails the caller, not the queue. */
    @Override
    public String send(TemplatedMail mail) {
        return send(templates.render(mail));
    }

    /** Messages queued before bodies were sealed (a reset link among them, perhaps): seal them now. */
    private void sealClearBodies() throws SQLException {
        int sealed = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement select = c.prepareStatement(
                "SELECT id, text_body, html_body FROM pergola_mail_outbox WHERE status = 'pending'"
                        + " AND text_body NOT LIKE '" + SecretBox.TEXT_PREFIX + "%'");
                PreparedStatement update = c.prepareStatement(
                        "UPDATE pergola_mail_outbox SET text_body = ?, html_body = ? WHERE id = ?");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String id = rows.getString(1);
                update.setString(1, bodies.seal(id, SealedBodies.Part.TEXT, rows.getString(2)));
                update.setString(2, bodies.seal(id, SealedBodies.Part.HTML, rows.getString(3)));
                update.setString(3, id);
                update.executeUpdate();
                sealed++;
            }
        }
        if (sealed > 0) {
            LOG.info("Sealed the bodies of {} queued emails stored in clear", sealed);
        }
    }
}
