package dev.pergola.identity.internal.store;

/**
 * Sizes of the text columns written from requests, as the Flyway migrations in {@code db/migration} declare
 * them ({@code ColumnsTest} reads the scripts and fails when the two drift apart). Requests are checked against
 * them with {@link FieldLengths}, so a long value is a 422 naming the field, never a database error.
 */
public final class Columns {
    public static final int USER_USERNAME = 64;
    public static final int USER_EMAIL = 254;
    public static final int USER_FIRST_NAME = 100;
    public static final int USER_LAST_NAME = 100;
    public static final int USER_PHONE = 40;
    public static final int USER_BIO = 2000;
    public static final int USER_LOCALE = 20;
    public static final int USER_TIMEZONE = 64;
    public static final int ROLE_NAME = 64;
    public static final int ROLE_DESCRIPTION = 500;
    public static final int PERMISSION_NAME = 128;
    public static final int API_KEY_NAME = 100;
    public static final int API_KEY_SCOPES = 4000;
    public static final int SESSION_USER_AGENT = 500;
    public static final int SESSION_CLIENT_ADDRESS = 64;

    private Columns() {
    }
}
