package dev.pergola.mail.internal.template;

import java.util.IllformedLocaleException;
import java.util.Locale;

/** Reads a configured or stored locale: a BCP 47 tag ({@code es-MX}) or Java's form ({@code es_MX}). */
final class Locales {
    private Locales() {
    }

    /** @return the locale, or {@code fallback} when the text is blank or not a locale */
    static Locale parse(String text, Locale fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            Locale locale = new Locale.Builder().setLanguageTag(text.trim().replace('_', '-')).build();
            return locale.getLanguage().isEmpty() ? fallback : locale;
        } catch (IllformedLocaleException e) {
            return fallback;
        }
    }

    /** Language and country only: the suffixes template files carry ({@code _es}, {@code _es_MX}). */
    static Locale forLookup(Locale locale) {
        return new Locale(locale.getLanguage(), locale.getCountry());
    }
}
