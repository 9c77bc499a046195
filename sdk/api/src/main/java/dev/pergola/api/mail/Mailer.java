package dev.pergola.api.mail;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Queues email for delivery. {@link #send} returns once the message is stored durably (it survives a
 * restart); delivery happens in the background and failures are retried and shown in the email queue.
 */
@ProviderType
public interface Mailer {
    /**
     * @return the id of the queued message
     * @throws IllegalStateException when the message could not be stored
     */
    String send(MailMessage message);
}
