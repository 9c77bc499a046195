package dev.pergola.backup.internal.db;

import static org.junit.Assert.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Test;

public class ForeignKeyOrderTest {

    @Test
    public void parentsComeFirstAndTiesGoByName() {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        parents.put("c_grandchild", Set.of("b_child"));
        parents.put("b_child", Set.of("z_parent"));
        parents.put("a_free", Set.of());
        parents.put("z_parent", Set.of());
        parents.put("d_two_parents", Set.of("z_parent", "a_free"));
        assertEquals(List.of("a_free", "z_parent", "b_child", "c_grandchild", "d_two_parents"),
                ForeignKeyOrder.sort(parents));
    }

    @Test
    public void aCycleIsBrokenAtTheFirstNameAndTheRestStillFollowsItsParents() {
        Map<String, Set<String>> parents = new LinkedHashMap<>();
        parents.put("x", Set.of("y"));
        parents.put("y", Set.of("x"));
        parents.put("child_of_y", Set.of("y"));
        parents.put("elsewhere", Set.of("not_in_this_schema"));
        assertEquals(List.of("elsewhere", "x", "y", "child_of_y"), ForeignKeyOrder.sort(parents));
    }
}
