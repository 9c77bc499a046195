package dev.pergola.identity.internal.shell;

import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.errors.PergolaException;

/** What the user:* commands share. */
final class UserCommands {
    static final ListSpec LIST = ListSpec.builder()
            .field("username", "username", FieldType.STRING).sortable().filterable().searchable()
            .field("email", "email", FieldType.STRING).sortable().searchable()
            .field("status", "status", FieldType.STRING).filterable()
            .build();

    private UserCommands() {
    }

    /** The platform's validation message, readable on a terminal. */
    static String describe(PergolaException e) {
        return e.getMessage() + (e.details().isEmpty() ? "" : " " + e.details());
    }

    /**
     * A refusal as the exception the command throws, so the shell prints it and {@code bin/client} exits
     * non-zero; {@code what} says what did not happen (e.g. "Not created").
     */
    static IllegalStateException failure(String what, PergolaException e) {
        return new IllegalStateException(what + ": " + describe(e), e);
    }
}
