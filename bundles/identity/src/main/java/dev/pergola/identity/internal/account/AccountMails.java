package dev.pergola.identity.internal.account;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.pergola.api.mail.MailTemplates;
import dev.pergola.api.mail.Mailer;
import dev.pergola.api.mail.TemplatedMail;

/**
 * The welcome and account-locked mails (templates {@value MailTemplates#WELCOME}, {@value MailTemplates#ACCOUNT_LOCKED}
 * shipped in this bundle's {@code mail-templates}). Both are notices: the account change they follow has happened,
 * so a mail that cannot be queued is logged, never thrown at the caller.
 */
@Component(service = AccountMails.class)
public class AccountMails {
    private static final Logger LOG = LoggerFactory.getLogger(AccountMails.class);
    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final Mailer mailer;
    private final PasswordResets resets;

    @Activate
    public AccountMails(@Reference Mailer mailer, @Reference PasswordResets resets) {
        this.mailer = mailer;
        this.resets = resets;
    }

    /** To an account an administrator ({@code createdBy}) has just created. */
    public void welcome(UserDto user, String createdBy, Locale requested) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("username", user.username());
        model.put("name", user.firstName() == null || user.firstName().isBlank() ? user.username() : user.firstName());
        model.put("created_by", createdBy == null ? "An administrator" : createdBy);
        model.put("sign_in_url", signInUrl());
        send(MailTemplates.WELCOME, user, requested, model);
    }

    /** To an account the login protection has just locked, until {@code until}. */
    public void locked(UserDto user, Instant until) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("username", user.username());
        model.put("until", until == null ? "?" : UNTIL.format(until));
        model.put("sign_in_url", signInUrl());
        send(MailTemplates.ACCOUNT_LOCKED, user, null, model);
    }

    private String signInUrl() {
        return resets.publicUrl() + "/admin/";
    }

    private void send(String template, UserDto user, Locale requested, Map<String, Object> model) {
        if (user.email() == null || user.email().isBlank()) {
            return;
        }
        try {
            mailer.send(new TemplatedMail(template, user.email(), MailLocale.of(user.locale(), requested), model, null));
        } catch (RuntimeException e) {
            LOG.warn("The {} mail to account {} could not be queued: {}", template, user.username(), e.getMessage());
        }
    }
}
