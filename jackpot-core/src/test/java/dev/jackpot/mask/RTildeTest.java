package dev.jackpot.mask;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RTildeTest {

    @Test
    void fullyOverlappingEqualSupportsGiveR() {
        // Every pair shares input 0: delta = 1 everywhere, so r~ = (1/8K^4)(K^2 * 2 sqrt(2r))^2 = r.
        int[][] s = {{0, 1, 2, 3}, {0, 4, 5, 6}, {0, 7, 8, 9}};
        assertEquals(4.0, RTilde.of(SupportMask.of(10, s)), 1e-12);
    }

    @Test
    void disjointEqualSupportsGiveQuarterRTimesOnePlusOneOverKSquared() {
        int[][] s = {{0, 1}, {2, 3}, {4, 5}, {6, 7}};
        double r = 2;
        double k = 4;
        assertEquals(r / 4 * (1 + 1 / k) * (1 + 1 / k), RTilde.of(SupportMask.of(8, s)), 1e-12);
    }

    @Test
    void handComputedUnequalCase() {
        // K = 2, r = (1, 3), disjoint: sum = 2 sqrt(2) + 2 sqrt(6) + 2 sqrt(4) (diagonal delta = 1,
        // off-diagonal 0): (2*sqrt(2) + 2*sqrt(6) + 2*2)^2 / (8 * 16).
        int[][] s = {{0}, {1, 2, 3}};
        double sum = 2 * Math.sqrt(2) + 2 * Math.sqrt(6) + 2 * Math.sqrt(4);
        assertEquals(sum * sum / 128.0, RTilde.of(SupportMask.of(4, s)), 1e-12);
        // Same sizes, overlapping: off-diagonal terms count twice.
        int[][] o = {{1}, {1, 2, 3}};
        double sumO = 2 * Math.sqrt(2) + 2 * Math.sqrt(6) + 4 * Math.sqrt(4);
        assertEquals(sumO * sumO / 128.0, RTilde.of(SupportMask.of(4, o)), 1e-12);
    }

    @Test
    void randomMasksSatisfyRemarkOneOneBounds() {
        Rng rng = Seeds.stream(11, "rtilde-bounds");
        int[] pool = new int[200];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = i;
        }
        for (int trial = 0; trial < 300; trial++) {
            int k = 1 + rng.nextInt(12);
            int base = 1 + rng.nextInt(60);
            int[][] s = new int[k][];
            for (int j = 0; j < k; j++) {
                int r = Math.max(1, Math.min(200, base + rng.nextInt(base) - base / 2));
                s[j] = rng.sample(pool, r);
            }
            SupportMask m = SupportMask.of(200, s);
            double rt = RTilde.of(m);
            double rAve = m.averageSize();
            assertTrue(rt <= rAve + 1e-9, "r~ " + rt + " above r_ave " + rAve);
            assertTrue(rt >= rAve / 8 - 1e-9, "r~ " + rt + " below r_ave/8 " + rAve / 8);
        }
    }
}
