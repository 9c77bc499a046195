package dev.pergola.identity.internal.shell;

import dev.pergola.api.query.FieldType;
import dev.pergola.api.query.ListSpec;
import dev.pergola.api.rest.ApiException;
import dev.pergola.identity.internal.account.UserDirectory;
import dev.pergola.identity.internal.store.UserEntity;

/** What the user:* commands share. */
final class UserCommands {
    static final ListSpec LIST = ListSpec.builder()
            .field("username", "username", FieldType.STRING).sortable().filterable().searchable()
            .field("email", "email", FieldType.STRING).sortable().searchable()
            .field("status", "status", FieldType.STRING).filterable()
            .build();

    private UserCommands() {
    }

    /** The user called {@code username}, or a message for the operator. */
    static UserEntity byName(UserDirectory users, dev.pergola.api.query.ListQueryParser parser, String username) {
        return users.list(parser.parse(java.util.Map.of("filter[username]", java.util.List.of(username)), LIST), false)
                .items().stream().findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No user named " + username));
    }

    /** The platform's validation message, readable on a terminal. */
    static String describe(ApiException e) {
        return e.getMessage() + (e.details().isEmpty() ? "" : " " + e.details());
    }

    /**
     * A refusal as the exception the command throws, so the shell prints it and {@code bin/client} exits
     * non-zero; {@code what} says what did not happen (e.g. "Not created").
     */
    static IllegalStateException failure(String what, ApiException e) {
        return new IllegalStateException(what + ": " + describe(e), e);
    }
}
