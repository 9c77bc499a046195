package dev.pergola.events.internal.sse;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.Test;

import dev.pergola.api.rest.ApiException;
import dev.pergola.api.rest.ErrorCode;

public class EventStreamResourceTest {
    @Test
    public void typesAreExactTypesOrWildcards() {
        assertEquals(List.of("user.*", "plugin.enabled", "*"), EventStreamResource.patterns(" user.*, plugin.enabled,,*"));
        assertEquals(List.of(), EventStreamResource.patterns(null));
        ApiException bad = assertThrows(ApiException.class, () -> EventStreamResource.patterns("user.*,<script>"));
        assertEquals(ErrorCode.VALIDATION_ERROR, bad.code());
    }

    @Test
    public void onlyAClientAskingForAnEventStreamGetsOne() {
        assertEquals(true, EventStreamResource.asksForEventStream("text/event-stream"));
        assertEquals(true, EventStreamResource.asksForEventStream("application/json, Text/Event-Stream;q=0.9"));
        assertEquals(false, EventStreamResource.asksForEventStream("*/*"));
        assertEquals(false, EventStreamResource.asksForEventStream(null));
    }

    @Test
    public void lastEventIdIsASequenceNumber() {
        assertEquals(Optional.of(42L), EventStreamResource.resumeAfter(" 42 "));
        assertEquals(Optional.empty(), EventStreamResource.resumeAfter(""));
        assertThrows(ApiException.class, () -> EventStreamResource.resumeAfter("evt_abc"));
        assertThrows(ApiException.class, () -> EventStreamResource.resumeAfter("-1"));
    }
}
