package dev.pergola.identity.internal.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pergola.api.errors.PergolaException;

/**
 * Checks the text fields of a write request against their column sizes ({@link Columns}) and collects one
 * problem per field: {@code FieldLengths.check().text("locale", locale, Columns.USER_LOCALE).orThrow()}
 * answers 422 VALIDATION_ERROR with {@code details: {"locale": ["at most 20 characters"]}}. Field names are
 * the request's (snake_case). Null means "not sent" and passes.
 */
public final class FieldLengths {
    private final Map<String, List<String>> problems = new LinkedHashMap<>();

    private FieldLengths() {
    }

    public static FieldLengths check() {
        return new FieldLengths();
    }

    /** A text field of at most {@code max} characters. */
    public FieldLengths text(String field, String value, int max) {
        if (value != null && value.length() > max) {
            add(field, "at most " + max + " characters");
        }
        return this;
    }

    /** Every element of a list field (e.g. permission names) at most {@code max} characters. */
    public FieldLengths each(String field, Collection<String> values, int max) {
        if (values != null && values.stream().anyMatch(v -> v != null && v.length() > max)) {
            add(field, "each at most " + max + " characters");
        }
        return this;
    }

    /** The problems found so far, field → messages (to merge with other checks of the same request). */
    public Map<String, List<String>> problems() {
        return problems;
    }

    /** @throws PergolaException 422 VALIDATION_ERROR when any field is too long */
    public void orThrow() {
        if (!problems.isEmpty()) {
            throw PergolaException.invalid(problems);
        }
    }

    private void add(String field, String problem) {
        problems.computeIfAbsent(field, f -> new ArrayList<>()).add(problem);
    }
}
