package dev.pergola.backup.internal.db;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders tables so that every table comes after the tables it references. Ties go by name (a stable order);
 * tables in a reference cycle follow, by name, once nothing else can go (their rows may then need the cycle's
 * constraints deferred: the platform has none).
 */
final class ForeignKeyOrder {

    private ForeignKeyOrder() {
    }

    /** @param parents each table → the tables it references (self-references excluded) */
    static List<String> sort(Map<String, ? extends Set<String>> parents) {
        List<String> order = new ArrayList<>();
        Set<String> placed = new TreeSet<>();
        TreeSet<String> remaining = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        remaining.addAll(parents.keySet());
        while (!remaining.isEmpty()) {
            String next = null;
            for (String table : remaining) {
                if (placed.containsAll(parents.get(table).stream().filter(parents::containsKey).toList())) {
                    next = table;
                    break;
                }
            }
            if (next == null) {
                next = remaining.first(); // a cycle: break it at the first name
            }
            remaining.remove(next);
            placed.add(next);
            order.add(next);
        }
        return order;
    }
}
