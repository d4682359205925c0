package dev.jackpot.subsetsum;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CoverageTest {

    /**
     * Brute force: f(z) = min_S max(0, |s_S - z| - eps |S|) is piecewise linear, so its sup over [-1, 1]
     * is attained at -1, 1 or the midpoint of two interval ends; evaluate f there directly.
     */
    static double bruteRadius(double[] x, double eps) {
        int n = x.length;
        int m = 1 << n;
        double[] lo = new double[m];
        double[] hi = new double[m];
        for (int mask = 0; mask < m; mask++) {
            double s = 0;
            int k = 0;
            for (int i = 0; i < n; i++) {
                if ((mask >> i & 1) != 0) {
                    s += x[i];
                    k++;
                }
            }
            lo[mask] = s - eps * k;
            hi[mask] = s + eps * k;
        }
        double worst = Math.max(f(-1, lo, hi), f(1, lo, hi));
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                double z = (hi[a] + lo[b]) / 2;
                if (z >= -1 && z <= 1) {
                    worst = Math.max(worst, f(z, lo, hi));
                }
            }
        }
        return worst;
    }

    private static double f(double z, double[] lo, double[] hi) {
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < lo.length; j++) {
            best = Math.min(best, Math.max(0, Math.max(lo[j] - z, z - hi[j])));
        }
        return best;
    }

    @Test
    void radiusMatchesBruteForceWithAndWithoutPerturbation() {
        for (int trial = 0; trial < 60; trial++) {
            Rng rng = Seeds.stream(11, "coverage-test", trial);
            int n = trial % 8;
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = trial % 3 == 0 ? rng.uniform(-1, 1) * rng.uniform(-1, 1) : rng.uniform(-1.5, 1.5);
            }
            double eps = trial % 2 == 0 ? 0 : 0.02 * (trial % 5);
            double expected = bruteRadius(x, eps);
            double got = Coverage.radius(x, eps, 1);
            assertEquals(expected, got, 1e-12, "trial " + trial + " n=" + n + " eps=" + eps);
        }
    }

    @Test
    void radiusIsExactBelowCapAndAboveCapOtherwise() {
        for (int trial = 0; trial < 40; trial++) {
            Rng rng = Seeds.stream(12, "coverage-cap", trial);
            double[] x = new double[7];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.uniform(-1, 1);
            }
            double exact = Coverage.radius(x, 0, 1);
            double cap = 0.05;
            double capped = Coverage.radius(x, 0, cap);
            if (exact <= cap) {
                assertEquals(exact, capped, 0);
            } else {
                assertTrue(capped > cap, "above the cap must stay above it: " + capped);
            }
        }
    }

    @Test
    void closedFormCases() {
        assertEquals(1.0, Coverage.radius(new double[0], 0, 1), 0);          // only the empty sum 0
        assertEquals(1.0, Coverage.radius(new double[]{1}, 0, 1), 0);       // sums {0, 1}: worst z = -1
        assertEquals(0.5, Coverage.radius(new double[]{1, -1}, 0, 1), 0);   // sums {-1, 0, 1}
        assertEquals(0.0, Coverage.radius(new double[]{1, -1}, 0.5, 1), 0); // intervals [-1.5,-.5],[0,0],[.5,1.5]... gaps closed
        assertEquals(0.25, Coverage.radius(new double[]{0.5, 0.5, -0.5, -0.5}, 0, 1), 0);
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Coverage.radius(new double[25], 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Coverage.radius(new double[]{Double.NaN}, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> Coverage.radius(new double[]{0.1}, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> Coverage.radius(new double[]{0.1}, 0, 0));
    }
}
