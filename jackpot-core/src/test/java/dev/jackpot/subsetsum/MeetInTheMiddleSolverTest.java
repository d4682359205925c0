package dev.jackpot.subsetsum;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeetInTheMiddleSolverTest {

    private static final SubsetSumSolver EXACT = MeetInTheMiddleSolver.create();

    /** The result is consistent with its own subset: sum and error recomputed, optimal with gap 0. */
    static void assertConsistent(SubsetSumProblem p, SubsetSumResult r) {
        int[] s = r.subset();
        for (int k = 1; k < s.length; k++) {
            assertTrue(s[k - 1] < s[k], "subset sorted: " + r);
        }
        assertEquals(p.sumOf(s), r.sum(), 0.0, "reported sum is the subset's sum");
        assertEquals(p.errorOf(s), r.error(), 0.0, "reported error is the subset's true error");
    }

    @Test
    void equalsBruteForceOnRandomInstances() {
        int instances = 0;
        for (int n = 0; n <= 20; n++) {
            int count = n <= 14 ? 12 : n <= 17 ? 4 : 1;
            for (int t = 0; t < count; t++) {
                // Targets up to 3 in magnitude: some out of reach of every subset.
                SubsetSumProblem p = BruteForce.instance(n, t % 3 == 2 ? 3 : 1, 0, n, t);
                SubsetSumResult r = EXACT.solve(p);
                assertConsistent(p, r);
                assertEquals(BruteForce.optimum(p.values(), p.target(), 0), r.error(), 1e-12, p.toString());
                assertTrue(r.optimal() && r.gap() == 0 && r.solver().equals("exact"), r.toString());
                instances++;
            }
        }
        assertEquals(15 * 12 + 3 * 4 + 3, instances);
    }

    @Test
    void perturbedEqualsBruteForceOfThePerturbedObjective() {
        for (double eps : new double[]{1e-3, 1e-2, 0.1}) {
            for (int n = 0; n <= 20; n++) {
                for (int t = 0; t < (n <= 16 ? 4 : n % 2 == 0 && eps == 1e-2 ? 1 : 0); t++) {
                    SubsetSumProblem p = BruteForce.instance(n, t == 3 ? 4 : 1, eps, n, t, 7);
                    SubsetSumResult r = EXACT.solve(p);
                    assertConsistent(p, r);
                    assertEquals(BruteForce.optimum(p.values(), p.target(), eps), r.error(), 1e-12, p.toString());
                    assertTrue(r.optimal());
                }
            }
        }
    }

    @Test
    void perturbedZeroErrorComesWithTheSmallestSubset() {
        // {0} reaches 0.5 within eps; {1, 2} does too, but is larger.
        SubsetSumProblem p = new SubsetSumProblem(new double[]{0.505, 0.25, 0.25}, 0.5, 0.01);
        SubsetSumResult r = EXACT.solve(p);
        assertArrayEquals(new int[]{0}, r.subset());
        assertEquals(0, r.error());
        // Over random instances: no zero-error subset is smaller than the one returned.
        for (int t = 0; t < 20; t++) {
            SubsetSumProblem q = BruteForce.instance(12, 1, 0.02, 12, t, 11);
            SubsetSumResult s = EXACT.solve(q);
            if (s.error() == 0) {
                assertEquals(smallestZeroErrorSize(q), s.size(), q.toString());
            }
        }
    }

    private static int smallestZeroErrorSize(SubsetSumProblem p) {
        int n = p.size();
        int best = Integer.MAX_VALUE;
        for (int m = 0; m < 1 << n; m++) {
            int[] s = new int[Integer.bitCount(m)];
            int c = 0;
            for (int i = 0; i < n; i++) {
                if ((m >>> i & 1) != 0) {
                    s[c++] = i;
                }
            }
            if (p.errorOf(s) == 0) {
                best = Math.min(best, s.length);
            }
        }
        return best;
    }

    @Test
    void largerInstancesAreFastAndExact() {
        // n = 36: 2^18 sums per half; a grid with a fine step cannot beat the exact optimum.
        SubsetSumProblem p = BruteForce.instance(36, 1, 0, 36);
        SubsetSumResult r = EXACT.solve(p);
        assertConsistent(p, r);
        SubsetSumResult g = GridSolver.withStep(1e-6).solve(p);
        assertTrue(r.error() <= g.error() + 1e-12, r + " vs " + g);
        assertTrue(r.error() < 1e-6, "36 uniform candidates approximate a target within 1e-6: " + r);
        SubsetSumProblem e = BruteForce.instance(30, 1, 1e-9, 30);
        assertConsistent(e, EXACT.solve(e));
    }
}
