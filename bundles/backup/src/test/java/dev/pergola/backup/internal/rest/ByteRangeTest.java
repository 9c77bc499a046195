package dev.pergola.backup.internal.rest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;

public class ByteRangeTest {
    @Test
    public void singleRanges() {
        assertEquals(new ByteRange(0, 99), ByteRange.parse("bytes=0-99", 1000).orElseThrow());
        assertEquals(new ByteRange(900, 999), ByteRange.parse("bytes=900-", 1000).orElseThrow());
        assertEquals(new ByteRange(990, 999), ByteRange.parse("bytes=-10", 1000).orElseThrow());
        assertEquals(new ByteRange(500, 999), ByteRange.parse("bytes=500-5000", 1000).orElseThrow());
        assertEquals("bytes 0-99/1000", new ByteRange(0, 99).contentRange(1000));
        assertEquals(100, new ByteRange(0, 99).length());
    }

    @Test
    public void noOrSeveralRangesMeanTheWholeFile() {
        assertTrue(ByteRange.parse(null, 10).isEmpty());
        assertTrue(ByteRange.parse("bytes=0-1,5-6", 10).isEmpty());
        assertTrue(ByteRange.parse("items=0-1", 10).isEmpty());
    }

    @Test
    public void unsatisfiableRangesAreRefused() {
        for (String r : new String[] {"bytes=1000-", "bytes=5-2", "bytes=-0"}) {
            try {
                ByteRange.parse(r, 1000);
                fail(r);
            } catch (IllegalArgumentException expected) {
                // 416
            }
        }
    }
}
