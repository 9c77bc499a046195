package dev.pergola.identity.internal.account;

import java.util.Locale;

/**
 * The language of a mail to a user: the user's own locale when the account has one, else the language the request
 * asked for ({@code Accept-Language}), else null, which the mailer turns into the platform's default.
 */
public final class MailLocale {
    private MailLocale() {
    }

    public static Locale of(String userLocale, Locale requested) {
        Locale own = parse(userLocale);
        return own != null ? own : requested;
    }

    /** A stored locale, {@code es-MX} or {@code es_MX}; null when blank or not a locale. */
    static Locale parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Locale locale = Locale.forLanguageTag(text.trim().replace('_', '-'));
        return locale.getLanguage().isEmpty() ? null : locale;
    }
}
