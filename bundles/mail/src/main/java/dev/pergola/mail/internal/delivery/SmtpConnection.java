package dev.pergola.mail.internal.delivery;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * One SMTP session reused for a batch of messages. Jakarta Mail finds its providers through ServiceLoader on the
 * thread context class loader: the caller runs this on a thread whose context loader is this bundle's (the jars are
 * embedded), see {@link MailSender}.
 *
 * <p>How failures are read, for at-most-once: a failed connect and an SMTP error reply (MAIL FROM, RCPT TO or the
 * final reply to DATA) are certain non-deliveries; any other failure while the message is being sent (the connection
 * dropped, a timeout waiting for the final reply) may come after the server accepted it, so it is {@code UNKNOWN}.
 */
public final class SmtpConnection implements AutoCloseable {
    private final SmtpSettings settings;
    private final Transport transport;
    private final InternetAddress from;

    private SmtpConnection(SmtpSettings settings, Transport transport, InternetAddress from) {
        this.settings = settings;
        this.transport = transport;
        this.from = from;
    }

    /** Connects (and authenticates); a failure means nothing was sent. */
    public static SmtpConnection open(SmtpSettings settings) throws MessagingException {
        Session session = Session.getInstance(settings.properties());
        InternetAddress from;
        try {
            from = new InternetAddress(settings.from(), blankToNull(settings.fromName()), StandardCharsets.UTF_8.name());
            from.validate();
        } catch (UnsupportedEncodingException e) {
            throw new MessagingException("bad sender name: " + e.getMessage(), e);
        }
        Transport transport = session.getTransport(settings.protocol());
        connect(transport, settings);
        return new SmtpConnection(settings, transport, from);
    }

    private static void connect(Transport transport, SmtpSettings s) throws MessagingException {
        if (s.authenticates()) {
            transport.connect(s.host(), s.port(), s.username(), s.password());
        } else {
            transport.connect();
        }
    }

    /** Sends one message; never throws. */
    public Attempt send(String id, String to, String subject, String text, String html) {
        MimeMessage message;
        try {
            message = message(id, to, subject, text, html);
        } catch (MessagingException e) {
            return Attempt.refused("not a valid message: " + describe(e));
        }
        if (!transport.isConnected()) {
            try {
                connect(transport, settings);
            } catch (MessagingException e) {
                return Attempt.retry("connect: " + describe(e));
            }
        }
        try {
            transport.sendMessage(message, message.getAllRecipients());
            return Attempt.SENT;
        } catch (SendFailedException e) {
            int code = replyCode(e);
            String error = "SMTP " + (code > 0 ? code + " " : "") + describe(e);
            return code >= 500 && code < 600 ? Attempt.refused(error) : Attempt.retry(error);
        } catch (MessagingException e) {
            return Attempt.unknown("connection failed while sending: " + describe(e));
        }
    }

    private MimeMessage message(String id, String to, String subject, String text, String html)
            throws MessagingException {
        MimeMessage m = new IdentifiedMessage("<" + id + "@" + from.getAddress().substring(
                from.getAddress().indexOf('@') + 1) + ">");
        m.setFrom(from);
        InternetAddress recipient = new InternetAddress(to, true);
        m.setRecipient(Message.RecipientType.TO, recipient);
        m.setSubject(subject, StandardCharsets.UTF_8.name());
        m.setHeader("X-Pergola-Email-Id", id);
        if (html == null) {
            m.setText(text, StandardCharsets.UTF_8.name());
        } else {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, StandardCharsets.UTF_8.name());
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(html, StandardCharsets.UTF_8.name(), "html");
            m.setContent(new MimeMultipart("alternative", plain, rich));
        }
        m.saveChanges();
        return m;
    }

    /** The outbox id makes the Message-ID, so a message sent twice (an admin's retry of an unknown) is recognisable. */
    private static final class IdentifiedMessage extends MimeMessage {
        private final String messageId;

        IdentifiedMessage(String messageId) {
            super((Session) null);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }

    private static int replyCode(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException m ? m.getNextException() : null) {
            if (x instanceof SMTPSendFailedException f) {
                return f.getReturnCode();
            }
            if (x instanceof SMTPAddressFailedException f) {
                return f.getReturnCode();
            }
            if (x instanceof SMTPSenderFailedException f) {
                return f.getReturnCode();
            }
        }
        return -1;
    }

    static String describe(Exception e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()).strip());
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
            text.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
        }
        return text.toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (MessagingException e) {
            // QUIT after the batch: every outcome is already decided
        }
    }
}
