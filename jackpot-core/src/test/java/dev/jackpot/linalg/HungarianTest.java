package dev.jackpot.linalg;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HungarianTest {

    @Test
    void matchesBruteForceOnRandomMatrices() {
        Rng rng = Seeds.stream(1, "hungarian");
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(6);
            double[][] c = new double[n][n];
            for (double[] row : c) {
                for (int j = 0; j < n; j++) {
                    // Integers make ties common, which exercises the tie handling.
                    row[j] = trial % 2 == 0 ? rng.nextInt(5) : rng.uniform(-3, 3);
                }
            }
            int[] p = Hungarian.solve(c);
            assertEquals(bruteForce(c), cost(c, p), 1e-12);
            assertEquals(n, java.util.Arrays.stream(p).distinct().count());
        }
    }

    @Test
    void knownCase() {
        double[][] c = {{4, 1, 3}, {2, 0, 5}, {3, 2, 2}};
        assertArrayEquals(new int[]{1, 0, 2}, Hungarian.solve(c));
    }

    @Test
    void rejectsNonSquareAndNonFinite() {
        assertThrows(IllegalArgumentException.class, () -> Hungarian.solve(new double[][]{{1, 2}}));
        assertThrows(IllegalArgumentException.class, () -> Hungarian.solve(new double[][]{{Double.NaN}}));
    }

    private static double cost(double[][] c, int[] p) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += c[i][p[i]];
        }
        return s;
    }

    private static double bruteForce(double[][] c) {
        int n = c.length;
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        double best = Double.POSITIVE_INFINITY;
        do {
            best = Math.min(best, cost(c, p));
        } while (nextPermutation(p));
        return best;
    }

    private static boolean nextPermutation(int[] p) {
        int i = p.length - 2;
        while (i >= 0 && p[i] >= p[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = p.length - 1;
        while (p[j] <= p[i]) {
            j--;
        }
        int t = p[i];
        p[i] = p[j];
        p[j] = t;
        for (int a = i + 1, b = p.length - 1; a < b; a++, b--) {
            t = p[a];
            p[a] = p[b];
            p[b] = t;
        }
        return true;
    }
}
