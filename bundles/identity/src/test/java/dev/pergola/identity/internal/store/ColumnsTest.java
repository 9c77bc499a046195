package dev.pergola.identity.internal.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/** The limits requests are checked against are the sizes the migrations give the columns. */
public class ColumnsTest {
    private static String migrations() throws IOException {
        StringBuilder all = new StringBuilder();
        for (String script : new String[] {"V1__identity.sql", "V2__api_keys.sql", "V3__recovery_history_cookies.sql"}) {
            try (InputStream in = ColumnsTest.class.getResourceAsStream("/db/migration/" + script)) {
                assertTrue(script, in != null);
                all.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            }
        }
        return all.toString();
    }

    private static int size(String sql, String table, String column) {
        Matcher body = Pattern.compile("CREATE TABLE " + table + " \\((.*?)\\n\\);", Pattern.DOTALL).matcher(sql);
        assertTrue(table, body.find());
        Matcher col = Pattern.compile("\\n\\s*" + column + "\\s+VARCHAR\\((\\d+)\\)").matcher(body.group(1));
        assertTrue(table + "." + column, col.find());
        return Integer.parseInt(col.group(1));
    }

    @Test
    public void limitsMatchTheSchema() throws IOException {
        String sql = migrations();
        assertEquals(size(sql, "pergola_users", "username"), Columns.USER_USERNAME);
        assertEquals(size(sql, "pergola_users", "email"), Columns.USER_EMAIL);
        assertEquals(size(sql, "pergola_users", "first_name"), Columns.USER_FIRST_NAME);
        assertEquals(size(sql, "pergola_users", "last_name"), Columns.USER_LAST_NAME);
        assertEquals(size(sql, "pergola_users", "phone"), Columns.USER_PHONE);
        assertEquals(size(sql, "pergola_users", "bio"), Columns.USER_BIO);
        assertEquals(size(sql, "pergola_users", "locale"), Columns.USER_LOCALE);
        assertEquals(size(sql, "pergola_users", "timezone"), Columns.USER_TIMEZONE);
        assertEquals(size(sql, "pergola_roles", "name"), Columns.ROLE_NAME);
        assertEquals(size(sql, "pergola_roles", "description"), Columns.ROLE_DESCRIPTION);
        assertEquals(size(sql, "pergola_permissions", "name"), Columns.PERMISSION_NAME);
        assertEquals(size(sql, "pergola_api_keys", "name"), Columns.API_KEY_NAME);
        assertEquals(size(sql, "pergola_api_keys", "scopes"), Columns.API_KEY_SCOPES);
        assertEquals(size(sql, "pergola_sessions", "user_agent"), Columns.SESSION_USER_AGENT);
        assertEquals(size(sql, "pergola_sessions", "client_address"), Columns.SESSION_CLIENT_ADDRESS);
    }
}
