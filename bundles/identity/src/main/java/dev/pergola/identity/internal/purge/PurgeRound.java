package dev.pergola.identity.internal.purge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round over named clean-up steps. A failing step is logged and does not keep the others from running; the round
 * then fails as a whole (naming the failed steps), so the {@code identity.purge} task shows it.
 */
final class PurgeRound {
    private static final Logger LOG = LoggerFactory.getLogger(PurgeRound.class);

    private final Map<String, IntSupplier> steps;

    /** @param steps name → step returning how many rows it removed */
    PurgeRound(Map<String, IntSupplier> steps) {
        this.steps = new LinkedHashMap<>(steps);
    }

    /** What each step removed, -1 for one that failed. */
    Map<String, Integer> runEach() {
        Map<String, Integer> removed = new LinkedHashMap<>();
        steps.forEach((name, step) -> {
            try {
                int count = step.getAsInt();
                removed.put(name, count);
                if (count > 0) {
                    LOG.info("Clean-up: {} {} deleted", count, name);
                }
            } catch (RuntimeException e) {
                removed.put(name, -1);
                LOG.warn("Clean-up of {} failed; it is tried again next round", name, e);
            }
        });
        return removed;
    }

    /** A round; @return a summary ("3 sessions and spent refresh tokens, 0 …"); @throws when a step failed. */
    String run() {
        Map<String, Integer> removed = runEach();
        List<String> failed = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        removed.forEach((name, count) -> {
            if (count < 0) {
                failed.add(name);
            } else {
                summary.add(count + " " + name);
            }
        });
        if (!failed.isEmpty()) {
            throw new IllegalStateException("clean-up failed for " + String.join(", ", failed)
                    + " (the others ran: " + String.join(", ", summary) + ")");
        }
        return "deleted " + String.join(", ", summary);
    }
}
