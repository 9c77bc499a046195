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

    /**
     * Renders {@code mail}'s template in the recipient's locale and queues the result like {@link #send(MailMessage)}.
     *
     * @return the id of the queued message
     * @throws dev.pergola.api.errors.PergolaException {@code RESOURCE_NOT_FOUND} for an unknown template,
     *         {@code VALIDATION_ERROR} when it does not render with the given model
     * @since 1.1
     */
    String send(TemplatedMail mail);
}
