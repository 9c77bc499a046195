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
                next = firstOnACycle(remaining, parents); // stuck: break a cycle at its first name
            }
            remaining.remove(next);
            placed.add(next);
            order.add(next);
        }
        return order;
    }

    /** The first table by name that reaches itself through tables not placed yet (one exists when stuck). */
    private static String firstOnACycle(TreeSet<String> remaining, Map<String, ? extends Set<String>> parents) {
        for (String table : remaining) {
            java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(parents.get(table));
            Set<String> seen = new java.util.HashSet<>();
            while (!todo.isEmpty()) {
                String t = todo.pop();
                if (t.equals(table)) {
                    return table;
                }
                if (remaining.contains(t) && seen.add(t)) {
                    todo.addAll(parents.get(t));
                }
            }
        }
        return remaining.first();
    }
}
