package dev.pergola.identity.internal.store;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.Test;

import dev.pergola.api.errors.PergolaException;

public class FieldLengthsTest {
    @Test
    public void namesEveryFieldThatIsTooLong() {
        PergolaException e = assertThrows(PergolaException.class, () -> FieldLengths.check()
                .text("locale", "x".repeat(21), Columns.USER_LOCALE)
                .text("phone", "1".repeat(40), Columns.USER_PHONE)
                .text("bio", null, Columns.USER_BIO)
                .each("permissions", List.of("a", "p".repeat(129)), Columns.PERMISSION_NAME)
                .orThrow());
        assertEquals("VALIDATION_ERROR", e.code());
        assertEquals(Map.of("locale", List.of("at most 20 characters"),
                "permissions", List.of("each at most 128 characters")), e.details());
    }

    @Test
    public void valuesWithinTheirColumnsPass() {
        FieldLengths.check().text("locale", "de-CH", Columns.USER_LOCALE).each("permissions", null, 128).orThrow();
    }
}
