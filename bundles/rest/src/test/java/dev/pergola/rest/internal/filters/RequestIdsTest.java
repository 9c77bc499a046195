package dev.pergola.rest.internal.filters;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;

import org.junit.Test;

public class RequestIdsTest {
    @Test
    public void echoesASaneClientId() {
        assertEquals("abc-123_x.y:z", RequestIds.choose("abc-123_x.y:z"));
    }

    @Test
    public void replacesMissingOrUnsafeIds() {
        assertEquals(36, RequestIds.choose(null).length());
        assertNotEquals("a\r\nSet-Cookie: x", RequestIds.choose("a\r\nSet-Cookie: x"));
        assertEquals(36, RequestIds.choose("x".repeat(129)).length());
        assertEquals(36, RequestIds.choose("").length());
    }
}
