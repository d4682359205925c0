package dev.jackpot.subsetsum;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sorted enumeration against brute force: every sum present once, ascending, bit-exact, nearest optimal. */
class SortedSubsetSumsTest {

    @Test
    void everySubsetOnceAscendingWithItsExactSum() {
        for (int n = 0; n <= 12; n++) {
            Rng rng = Seeds.stream(BruteForce.SEED, "sorted-sums", n);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rng.uniform(-1, 1);
            }
            SortedSubsetSums t = SortedSubsetSums.of(x);
            assertEquals(1 << n, t.size());
            boolean[] seen = new boolean[1 << n];
            for (int k = 0; k < t.size(); k++) {
                int m = t.mask(k);
                assertTrue(!seen[m], "mask " + m + " listed twice");
                seen[m] = true;
                assertEquals(Double.doubleToLongBits(SubsetSumProblem.of(x, 0).sumOf(bits(m))),
                        Double.doubleToLongBits(t.sum(k)), "stored sum of mask " + m + " is the recomputed sum");
                if (k > 0) {
                    assertTrue(t.sum(k - 1) <= t.sum(k));
                }
            }
        }
    }

    @Test
    void nearestIsTheBruteForceOptimum() {
        for (int n = 1; n <= 10; n++) {
            Rng rng = Seeds.stream(BruteForce.SEED, "sorted-nearest", n);
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rng.uniform(-1, 1);
            }
            SortedSubsetSums t = SortedSubsetSums.of(x);
            for (int q = 0; q < 50; q++) {
                double z = rng.uniform(-3, 3);
                int k = t.nearest(z);
                assertEquals(BruteForce.optimum(x, z, 0), Math.abs(t.sum(k) - z), 0.0, "n=" + n + " z=" + z);
            }
            // below every sum and above every sum
            assertEquals(0, t.nearest(-1e9));
            assertEquals(t.size() - 1, t.nearest(1e9));
        }
    }

    @Test
    void tableIsReusableAndValidates() {
        SortedSubsetSums t = new SortedSubsetSums(3);
        t.fill(new double[] {0.5, 0.25, 1}, 0, 3);
        assertEquals(1.75, t.sum(7));
        t.fill(new double[] {9, -1}, 1, 1);
        assertEquals(2, t.size());
        assertEquals(-1, t.sum(0));
        assertEquals(1, t.mask(0));
        assertThrows(IllegalArgumentException.class, () -> t.fill(new double[] {1, 2, 3, 4}, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> t.fill(new double[] {Double.NaN}, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new SortedSubsetSums(SortedSubsetSums.MAX_N + 1));
        assertThrows(IllegalArgumentException.class, () -> t.nearest(Double.POSITIVE_INFINITY));
    }

    private static int[] bits(int m) {
        int[] s = new int[Integer.bitCount(m)];
        int k = 0;
        for (int i = 0; i < 31; i++) {
            if ((m >>> i & 1) != 0) {
                s[k++] = i;
            }
        }
        return s;
    }
}
