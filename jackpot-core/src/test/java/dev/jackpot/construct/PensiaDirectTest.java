package dev.jackpot.construct;

import dev.jackpot.subsetsum.SubsetSumProblem;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pensia et al.'s experiment 1 (direct approximation with one candidate vector per row; design note
 * strong-lth.md section 7, invariant 5): every chosen subset is optimal for its row's candidates
 * (brute force over all 2^n subsets), the approximated weight is the subset's recomputed sum bit for
 * bit, failures are counted without aborting, and results do not depend on the thread count.
 */
class PensiaDirectTest {

    private static final ReluMlp TARGET = ReluMlp.randomTarget(new int[] {7, 5, 3}, 11);

    @Test
    void candidateCountFollowsTheReference() {
        assertEquals(21, PensiaDirect.candidatesFor(0.01, 3));
        assertEquals(7, PensiaDirect.candidatesFor(0.01, 1));
        assertEquals(9, PensiaDirect.candidatesFor(0.1, 3));
        assertThrows(IllegalArgumentException.class, () -> PensiaDirect.candidatesFor(0, 3));
        assertThrows(IllegalArgumentException.class, () -> PensiaDirect.candidatesFor(0.01, 0));
        assertThrows(IllegalArgumentException.class, () -> PensiaDirect.candidatesFor(1e-4, 3));
    }

    @Test
    void everySubsetIsTheBruteForceOptimumAndTheWeightItsExactSum() {
        int n = 9;
        PensiaDirectResult r = PensiaDirect.approximate(TARGET, n, 0.01, 5, 1, PensiaDirect.Listener.NONE);
        double[][][] w = TARGET.weights();
        ReluMlp approx = r.approximated();
        long kept = 0;
        for (int l = 0; l < w.length; l++) {
            double lo = r.range(l)[0];
            double hi = r.range(l)[1];
            for (int k = 0; k < w[l].length; k++) {
                double[] a = r.candidates(l, k);
                assertEquals(n, a.length);
                for (double v : a) {
                    assertTrue(v >= lo && v <= hi, "candidate " + v + " in [min W, max W]");
                }
                for (int j = 0; j < w[l][k].length; j++) {
                    int m = r.mask(l, k, j);
                    kept += Integer.bitCount(m);
                    double sum = SubsetSumProblem.of(a, w[l][k][j]).sumOf(bits(m));
                    assertEquals(Double.doubleToLongBits(sum), Double.doubleToLongBits(approx.weight(l, k, j)));
                    double best = Double.POSITIVE_INFINITY;
                    for (int s = 0; s < 1 << n; s++) {
                        best = Math.min(best, Math.abs(SubsetSumProblem.of(a, 0).sumOf(bits(s)) - w[l][k][j]));
                    }
                    assertEquals(best, r.error(l, k, j), 0.0, "weight " + l + "," + k + "," + j);
                }
            }
        }
        assertEquals(kept, r.keptCount());
        assertEquals((long) n * TARGET.parameterCount(), r.candidateCount());
        assertEquals(n * 8L, r.distinctCandidates());
        assertEquals(kept / (double) TARGET.parameterCount(), r.keptRatio());
    }

    @Test
    void failuresAreCountedNotFatal() {
        // 2 candidates per row cannot reach 1e-6 for most weights
        PensiaDirectResult r = PensiaDirect.approximate(TARGET, 2, 1e-6, 5, 1, PensiaDirect.Listener.NONE);
        long expected = 0;
        double max = 0;
        double sum = 0;
        double[][][] w = TARGET.weights();
        for (int l = 0; l < w.length; l++) {
            for (int k = 0; k < w[l].length; k++) {
                for (int j = 0; j < w[l][k].length; j++) {
                    double e = r.error(l, k, j);
                    expected += e > 1e-6 ? 1 : 0;
                    max = Math.max(max, e);
                    sum += e;
                }
            }
        }
        assertTrue(expected > 0);
        assertEquals(expected, r.failures());
        assertEquals(expected, r.failures(0) + r.failures(1));
        assertTrue(r.failingRows(0) >= 1 && r.failingRows(0) <= 5 && r.failingRows(1) <= 3);
        assertEquals(max, Math.max(r.maxError(0), r.maxError(1)));
        assertEquals(max, r.maxError());
        assertEquals(sum / TARGET.parameterCount(), r.meanError(), 1e-15);
        // many candidates: every weight within 1e-3
        PensiaDirectResult good = PensiaDirect.approximate(TARGET, 20, 1e-3, 5, 1, PensiaDirect.Listener.NONE);
        assertEquals(0, good.failures());
        assertTrue(good.maxError() <= 1e-3);
    }

    @Test
    void sameSeedSameResultAnyThreadCount() {
        PensiaDirectResult one = PensiaDirect.approximate(TARGET, 12, 0.01, 8, 1, PensiaDirect.Listener.NONE);
        int[] calls = {0};
        PensiaDirectResult two = PensiaDirect.approximate(TARGET, 12, 0.01, 8, 3, (d, t) -> {
            synchronized (calls) {
                calls[0]++;
            }
        });
        assertEquals(8, calls[0]);
        assertEquals(one.approximated(), two.approximated());
        double[][][] w = TARGET.weights();
        for (int l = 0; l < w.length; l++) {
            for (int k = 0; k < w[l].length; k++) {
                assertEquals(java.util.Arrays.toString(one.candidates(l, k)), java.util.Arrays.toString(two.candidates(l, k)));
                for (int j = 0; j < w[l][k].length; j++) {
                    assertEquals(one.mask(l, k, j), two.mask(l, k, j));
                }
            }
        }
        PensiaDirectResult other = PensiaDirect.approximate(TARGET, 12, 0.01, 9, 1, PensiaDirect.Listener.NONE);
        assertTrue(!java.util.Arrays.equals(one.candidates(0, 0), other.candidates(0, 0)));
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class,
                () -> PensiaDirect.approximate(TARGET, 0, 0.01, 1, 1, PensiaDirect.Listener.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> PensiaDirect.approximate(TARGET, 27, 0.01, 1, 1, PensiaDirect.Listener.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> PensiaDirect.approximate(TARGET, 5, Double.NaN, 1, 1, PensiaDirect.Listener.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> PensiaDirect.approximate(TARGET, 5, 0.01, 1, 0, PensiaDirect.Listener.NONE));
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

    @Test
    void redrawsOnlyReplaceFailingRowsAndNeverAddFailures() {
        PensiaDirectResult once = PensiaDirect.approximate(TARGET, 8, 0.01, 5, 1, PensiaDirect.Listener.NONE);
        PensiaDirectResult zero = PensiaDirect.approximate(TARGET, 8, 0.01, 5, 1, 0, PensiaDirect.Listener.NONE);
        PensiaDirectResult more = PensiaDirect.approximate(TARGET, 8, 0.01, 5, 2, 6, PensiaDirect.Listener.NONE);
        assertTrue(once.failures() > 0, "n = 8 leaves failures to redraw");
        assertEquals(0, zero.redrawnRows());
        for (int l = 0; l < once.layers(); l++) {
            for (int k = 0; k < TARGET.weights()[l].length; k++) {
                assertArrayEquals(once.candidates(l, k), zero.candidates(l, k), "redraws = 0 is the one-draw run");
                boolean rowFailed = false;
                for (int j = 0; j < TARGET.weights()[l][k].length; j++) {
                    rowFailed |= once.error(l, k, j) > 0.01;
                }
                if (!rowFailed) {
                    assertArrayEquals(once.candidates(l, k), more.candidates(l, k), "a row without failures is kept");
                }
            }
        }
        assertTrue(more.failures() <= once.failures(), more.failures() + " > " + once.failures());
        assertTrue(more.redrawnRows() > 0);
        assertTrue(more.vectorsDrawn() > TARGET.weights()[0].length + TARGET.weights()[1].length);
        // thread count does not matter, redraws included
        PensiaDirectResult oneThread = PensiaDirect.approximate(TARGET, 8, 0.01, 5, 1, 6, PensiaDirect.Listener.NONE);
        assertEquals(more.failures(), oneThread.failures());
        assertEquals(more.vectorsDrawn(), oneThread.vectorsDrawn());
        assertThrows(IllegalArgumentException.class,
                () -> PensiaDirect.approximate(TARGET, 8, 0.01, 5, 1, -1, PensiaDirect.Listener.NONE));
    }
}
