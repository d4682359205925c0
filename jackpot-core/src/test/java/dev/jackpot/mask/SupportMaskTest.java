package dev.jackpot.mask;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SupportMaskTest {

    @Test
    void metricsOfAHandBuiltMask() {
        SupportMask oracle = SupportMask.of(10, new int[][]{{3, 1}, {4, 5}});
        SupportMask learner = SupportMask.of(10, new int[][]{{1, 2, 3}, {5, 6, 7}});
        assertArrayEquals(new int[]{1, 3}, oracle.support(0));
        assertEquals(0.75, learner.accuracyAgainst(oracle), 1e-15);
        assertEquals(1 - 3.0 / 10, learner.pruningRatio(), 1e-15);
        assertEquals(6.0 / 20, learner.density(), 1e-15);
        assertTrue(learner.overlaps(0, 0));
        assertFalse(learner.overlaps(0, 1));
        assertEquals(2, learner.overlapCount());
    }

    @Test
    void applyZeroesEverythingOutsideTheMask() {
        SupportMask m = SupportMask.of(4, new int[][]{{0, 3}, {}});
        double[][] w = {{1, 2, 3, 4}, {5, 6, 7, 8}};
        m.apply(w);
        assertArrayEquals(new double[]{1, 0, 0, 4}, w[0]);
        assertArrayEquals(new double[]{0, 0, 0, 0}, w[1]);
        assertEquals(m, SupportMask.nonzero(w));
    }

    @Test
    void rejectsBadIndices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SupportMask.of(4, new int[][]{{0, 4}}));
        assertTrue(e.getMessage().contains("4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SupportMask.of(4, new int[][]{{1, 1}}));
        assertThrows(IllegalArgumentException.class, () -> SupportMask.of(0, new int[][]{{}}));
    }
}
