package dev.pergola.backup.internal.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which scheduled backups to keep: the newest of each of the last {@code daily} days that have one, and the newest
 * of each of the last {@code weekly} ISO weeks that have one (a backup may count for both). Everything else among
 * the scheduled backups goes; manual, imported and safety backups are never touched.
 */
public final class Retention {
    private Retention() {
    }

    /** @param scheduled file name → when it was made; @return the names to delete */
    public static List<String> expired(Map<String, Instant> scheduled, int daily, int weekly) {
        List<Map.Entry<String, Instant>> newestFirst = new ArrayList<>(scheduled.entrySet());
        newestFirst.sort(Map.Entry.<String, Instant>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())));
        Set<String> keep = new LinkedHashSet<>();
        keep.addAll(newestPer(newestFirst, daily, false));
        keep.addAll(newestPer(newestFirst, weekly, true));
        List<String> expired = new ArrayList<>();
        newestFirst.forEach(e -> {
            if (!keep.contains(e.getKey())) {
                expired.add(e.getKey());
            }
        });
        return expired;
    }

    private static List<String> newestPer(List<Map.Entry<String, Instant>> newestFirst, int periods, boolean weeks) {
        Set<Object> seen = new HashSet<>();
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, Instant> e : newestFirst) {
            if (seen.size() >= periods && !seen.contains(period(e.getValue(), weeks))) {
                break;
            }
            if (seen.add(period(e.getValue(), weeks))) {
                kept.add(e.getKey());
            }
        }
        return kept;
    }

    private static Object period(Instant at, boolean weeks) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        return weeks ? day.get(IsoFields.WEEK_BASED_YEAR) * 100 + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) : day;
    }
}
