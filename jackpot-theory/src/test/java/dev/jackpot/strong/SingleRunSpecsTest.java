package dev.jackpot.strong;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The specs of single subset-sum and construction runs: pinned run ids and validation messages. */
class SingleRunSpecsTest {

    @Test
    void pinnedIds() {
        // The README's example run directories.
        assertEquals("subset-sum-b3103b2bd9dbd528", SubsetSumRun.id(new SubsetSumRunSpec(
                List.of(0.31, -0.72, 0.55, 0.18, -0.09), null, null, 0.4, 0, "auto", null)).toString());
        assertEquals("construct-pensia-7d19587ed99a02eb", ConstructRun.id(new ConstructRunSpec("pensia",
                List.of(4, 3, 2), 1e-3, 1, 1000, 24, null)).toString());
        assertEquals("construct-malach-aadfd0eb0ceb7ba1", ConstructRun.id(new ConstructRunSpec("malach",
                List.of(4, 3, 2), 1e-2, 1, 1000, null, 1_000_000)).toString());
    }

    @Test
    void invalidSpecsAreRejectedNamingTheValue() {
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> new SubsetSumRunSpec(List.of(0.5), 3, 1L, 0, 0, "auto", null));
        assertTrue(both.getMessage().contains("exactly one of values and random"), both.getMessage());
        IllegalArgumentException seeded = assertThrows(IllegalArgumentException.class,
                () -> new SubsetSumRunSpec(List.of(0.5), null, 7L, 0, 0, "auto", null));
        assertTrue(seeded.getMessage().contains("seed 7"), seeded.getMessage());
        IllegalArgumentException eps = assertThrows(IllegalArgumentException.class,
                () -> new SubsetSumRunSpec(null, 4, 1L, 0, -1, "auto", null));
        assertTrue(eps.getMessage().contains("-1.0"), eps.getMessage());
        IllegalArgumentException noN = assertThrows(IllegalArgumentException.class,
                () -> new ConstructRunSpec("pensia", List.of(4, 2), 0.01, 1, 10, null, null));
        assertTrue(noN.getMessage().contains("positive n"), noN.getMessage());
        IllegalArgumentException method = assertThrows(IllegalArgumentException.class,
                () -> new ConstructRunSpec("lueker", List.of(4, 2), 0.01, 1, 10, 8, null));
        assertTrue(method.getMessage().contains("'lueker'"), method.getMessage());
        IllegalArgumentException widths = assertThrows(IllegalArgumentException.class,
                () -> new ConstructRunSpec("malach", List.of(4, 0), 0.01, 1, 10, null, 5));
        assertTrue(widths.getMessage().contains("[4, 0]"), widths.getMessage());
    }
}
