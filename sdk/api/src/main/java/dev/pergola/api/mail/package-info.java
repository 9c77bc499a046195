/**
 * Sending email from the platform and from plugins. Callers hand a {@link dev.pergola.api.mail.MailMessage}
 * to the {@link dev.pergola.api.mail.Mailer} service; delivery is queued, retried and visible to admins.
 */
@Version("1.1.0")
@Export
package dev.pergola.api.mail;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
