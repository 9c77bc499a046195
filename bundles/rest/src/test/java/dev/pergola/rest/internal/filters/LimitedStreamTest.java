package dev.pergola.rest.internal.filters;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.junit.Test;

import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;

public class LimitedStreamTest {
    @Test
    public void passesBodiesUpToTheLimit() throws Exception {
        byte[] body = new byte[100];
        try (InputStream in = new BodySizeFilter.LimitedStream(new ByteArrayInputStream(body), 100)) {
            assertArrayEquals(body, in.readAllBytes());
        }
    }

    @Test
    public void failsWith413OnceTheLimitIsPassed() throws Exception {
        try (InputStream in = new BodySizeFilter.LimitedStream(new ByteArrayInputStream(new byte[101]), 100)) {
            in.readAllBytes();
            fail("must refuse the 101st byte");
        } catch (ApiException e) {
            assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, e.code());
            assertEquals(413, e.getResponse().getStatus());
        }
    }
}
