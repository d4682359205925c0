package dev.jackpot.subsetsum;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GridSolverTest {

    /** error >= OPT, error <= OPT + gap, gap <= n delta, and optimal exactly when gap is 0. */
    private static void assertWithinBound(SubsetSumProblem p, SubsetSumResult r, double opt, double delta) {
        MeetInTheMiddleSolverTest.assertConsistent(p, r);
        assertTrue(r.error() >= opt - 1e-12, "never better than the optimum: " + r + " opt " + opt);
        assertTrue(r.error() <= opt + r.gap() + 1e-12, "within the stated gap: " + r + " opt " + opt);
        assertTrue(r.gap() <= p.size() * delta + 1e-12, "gap within n delta: " + r + " delta " + delta);
        assertEquals(r.gap() == 0, r.optimal());
        assertEquals("grid", r.solver());
    }

    @Test
    void withinItsBoundOfBruteForce() {
        double widest = 0;
        GridSolver[] grids = {GridSolver.withStep(1e-2), GridSolver.withStep(1e-4), GridSolver.withDefaultStep()};
        for (int n = 0; n <= 20; n++) {
            int count = n <= 14 ? 8 : n <= 17 ? 3 : 1;
            for (int t = 0; t < count; t++) {
                SubsetSumProblem p = BruteForce.instance(n, t % 3 == 2 ? 3 : 1, 0, n, t);
                double opt = BruteForce.optimum(p.values(), p.target(), 0);
                for (GridSolver grid : grids) {
                    SubsetSumResult r = grid.solve(p);
                    assertWithinBound(p, r, opt, grid.stepFor(p));
                    widest = Math.max(widest, r.error() - opt);
                }
            }
        }
        assertTrue(widest > 0, "a step of 1e-2 should miss the optimum somewhere, or the bound test is vacuous");
    }

    @Test
    void perturbedWithinItsBoundOfBruteForce() {
        for (double eps : new double[]{1e-3, 1e-2, 0.1}) {
            for (int n = 0; n <= 14; n++) {
                for (int t = 0; t < 4; t++) {
                    SubsetSumProblem p = BruteForce.instance(n, t == 3 ? 4 : 1, eps, n, t, 7);
                    double opt = BruteForce.optimum(p.values(), p.target(), eps);
                    for (double delta : new double[]{1e-2, 1e-4}) {
                        assertWithinBound(p, GridSolver.withStep(delta).solve(p), opt, delta);
                    }
                }
            }
        }
    }

    @Test
    void solvesSixtyCandidatesWithinTheBound() {
        SubsetSumProblem p = BruteForce.instance(60, 1, 0, 60);
        GridSolver grid = GridSolver.withDefaultStep();
        SubsetSumResult r = grid.solve(p);
        MeetInTheMiddleSolverTest.assertConsistent(p, r);
        double delta = grid.stepFor(p);
        assertTrue(delta > 0.99e-5 && delta <= 1e-5, "default step 1e-5 max|x|, got " + delta);
        assertTrue(r.error() <= 60 * delta && r.gap() <= 60 * delta, r.toString());
        SubsetSumProblem e = BruteForce.instance(60, 1, 1e-3, 60, 1);
        SubsetSumResult s = grid.solve(e);
        MeetInTheMiddleSolverTest.assertConsistent(e, s);
        assertTrue(s.error() == 0 && s.optimal(), "60 candidates with eps = 1e-3 reach any target in [-1, 1]: " + s);
    }

    @Test
    void agreesWithMeetInTheMiddleAtThirtyTwo() {
        for (int t = 0; t < 3; t++) {
            SubsetSumProblem p = BruteForce.instance(32, 1, 0, 32, t);
            SubsetSumResult exact = MeetInTheMiddleSolver.create().solve(p);
            SubsetSumResult r = GridSolver.withStep(1e-6).solve(p);
            assertWithinBound(p, r, exact.error(), 1e-6);
        }
    }

    @Test
    void valuesFarFromUnitScaleUseARelativeDefaultStep() {
        double[] x = {1500.25, -2500.5, 4000.125, 700.0};
        SubsetSumProblem p = SubsetSumProblem.of(x, 2200.2);
        SubsetSumResult r = GridSolver.withDefaultStep().solve(p);
        assertArrayEquals(new int[]{0, 3}, r.subset());
        assertEquals(0.05, r.error(), 1e-9);
    }

    @Test
    void shiftedOrMatchesANaiveShift() {
        Rng rng = Seeds.stream(BruteForce.SEED, "bitset");
        for (int t = 0; t < 200; t++) {
            int words = 1 + rng.nextInt(5);
            long[] src = new long[words];
            for (int w = 0; w < words; w++) {
                src[w] = rng.nextLong();
            }
            long shift = rng.nextInt(64 * words + 70) - (32L * words + 35);
            long[] dst = new long[words];
            long[] naive = new long[words];
            GridSolver.orShifted(src, dst, shift);
            for (long p = 0; p < 64L * words; p++) {
                long to = p + shift;
                if (GridSolver.get(src, p) && to >= 0 && to < 64L * words) {
                    GridSolver.set(naive, to);
                }
            }
            assertArrayEquals(naive, dst, "shift " + shift + " over " + words + " words");
            for (long from = 0; from < 64L * words; from += 1 + rng.nextInt(9)) {
                long next = -1;
                for (long p = from; p < 64L * words; p++) {
                    if (GridSolver.get(src, p)) {
                        next = p;
                        break;
                    }
                }
                long prev = -1;
                for (long p = from; p >= 0; p--) {
                    if (GridSolver.get(src, p)) {
                        prev = p;
                        break;
                    }
                }
                assertEquals(next, GridSolver.nextSetBit(src, from));
                assertEquals(prev, GridSolver.prevSetBit(src, from));
            }
        }
    }
}
