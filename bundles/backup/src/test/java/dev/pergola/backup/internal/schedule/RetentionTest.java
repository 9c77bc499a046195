package dev.pergola.backup.internal.schedule;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;

public class RetentionTest {
    @Test
    public void keepsTheNewestOfEachRecentDayAndWeek() {
        Map<String, Instant> scheduled = new LinkedHashMap<>();
        Instant monday = Instant.parse("2026-11-30T03:15:00Z");
        for (int day = 0; day < 30; day++) {
            scheduled.put("d" + day + "-a", monday.minus(Duration.ofDays(day)));
            scheduled.put("d" + day + "-b", monday.minus(Duration.ofDays(day)).minus(Duration.ofHours(1)));
        }
        List<String> expired = Retention.expired(scheduled, 3, 2);
        // kept: the newest of the last 3 days (d0, d1, d2) and of the last 2 ISO weeks (d0 this week, d1 last Sunday)
        assertEquals(60 - 3, expired.size());
        for (String kept : List.of("d0-a", "d1-a", "d2-a")) {
            assertTrue(kept, !expired.contains(kept));
        }
        assertTrue(expired.contains("d0-b"));
    }

    @Test
    public void weeksReachFurtherThanDays() {
        Map<String, Instant> scheduled = new LinkedHashMap<>();
        Instant now = Instant.parse("2026-11-30T03:15:00Z");
        for (int week = 0; week < 6; week++) {
            scheduled.put("w" + week, now.minus(Duration.ofDays(7L * week)));
        }
        List<String> expired = Retention.expired(scheduled, 1, 4);
        assertEquals(List.of("w4", "w5"), expired);
        assertEquals(6, Retention.expired(scheduled, 0, 0).size());
    }
}
