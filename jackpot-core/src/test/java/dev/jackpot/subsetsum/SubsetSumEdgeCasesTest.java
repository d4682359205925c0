package dev.jackpot.subsetsum;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalDouble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Closed-form cases, run through both solvers, with and without perturbation. */
class SubsetSumEdgeCasesTest {

    private static final List<SubsetSumSolver> SOLVERS =
            List.of(MeetInTheMiddleSolver.create(), GridSolver.withDefaultStep(), GridSolver.withStep(1e-3));

    /** The solvers for an instance: Schroeppel-Shamir joins for plain instances (it rejects eps &gt; 0). */
    private static List<SubsetSumSolver> solvers(double eps) {
        return eps == 0 ? List.of(SOLVERS.get(0), SOLVERS.get(1), SOLVERS.get(2), SchroeppelShamirSolver.create())
                : SOLVERS;
    }

    private static void expect(double[] x, double z, double eps, int[] subset, double error) {
        SubsetSumProblem p = new SubsetSumProblem(x, z, eps);
        for (SubsetSumSolver s : solvers(eps)) {
            SubsetSumResult r = s.solve(p);
            String what = s.name() + " on " + p + ": " + r;
            if (subset != null) {
                assertArrayEquals(subset, r.subset(), what);
            }
            assertEquals(error, r.error(), 1e-12, what);
            assertEquals(p.errorOf(r.subset()), r.error(), 0.0, what);
        }
    }

    @Test
    void noCandidates() {
        expect(new double[0], 0.7, 0, new int[0], 0.7);
        expect(new double[0], -0.3, 0.1, new int[0], 0.3);
        expect(new double[0], 0, 0, new int[0], 0);
    }

    @Test
    void oneCandidate() {
        expect(new double[]{0.7}, 0.6, 0, new int[]{0}, 0.1);
        expect(new double[]{0.7}, 0.2, 0, new int[0], 0.2);
        expect(new double[]{-0.7}, -0.5, 0, new int[]{0}, 0.2);
        // eps: 0.7 may move to 0.6 exactly.
        expect(new double[]{0.7}, 0.6, 0.2, new int[]{0}, 0);
        expect(new double[]{0.7}, 1.0, 0.1, new int[]{0}, 0.2);
    }

    @Test
    void targetZeroGivesTheEmptySubset() {
        double[] x = BruteForce.instance(18, 1, 0, 99).values();
        expect(x, 0, 0, new int[0], 0);
        expect(x, 0, 0.05, new int[0], 0);
        // Also when other subsets sum to zero exactly.
        expect(new double[]{0.5, -0.5, 0.0}, 0, 0, new int[0], 0);
    }

    @Test
    void duplicatesZerosAndAllNegative() {
        SubsetSumProblem d = SubsetSumProblem.of(new double[]{0.3, 0.3, 0.3, 0.3}, 0.9);
        for (SubsetSumSolver s : solvers(0)) {
            SubsetSumResult r = s.solve(d);
            assertEquals(3, r.size(), r.toString());
            assertTrue(r.error() < 1e-15, r.toString());
        }
        expect(new double[]{0.0, 0.0, 0.5}, 0.5, 0, null, 0);
        expect(new double[]{-0.5, -0.25, -0.125}, -0.375, 0, new int[]{1, 2}, 0);
        expect(new double[]{-0.5, -0.25, -0.125}, 0.375, 0, new int[0], 0.375);
    }

    @Test
    void unreachableTargetsTakeEverythingOnTheirSide() {
        expect(new double[]{0.125, 0.25, -0.375}, 5, 0, new int[]{0, 1}, 4.625);
        expect(new double[]{0.125, 0.25, -0.375}, -5, 0, new int[]{2}, 4.625);
        // With eps = 0.5 each chosen candidate can move up by 0.5, so -0.375 is worth taking too.
        expect(new double[]{0.125, 0.25, -0.375}, 5, 0.5, new int[]{0, 1, 2}, 3.5);
        expect(new double[]{0.125, 0.25, -0.375}, 5, 2, new int[]{0, 1, 2}, 0);
    }

    @Test
    void perturbationAttainsTheErrorWithinTheBudget() {
        for (double eps : new double[]{0, 1e-3, 0.05, 0.3}) {
            SubsetSumProblem p = BruteForce.instance(8, 3, eps, 8, 4);
            double[] x = p.values();
            int n = p.size();
            for (int m = 0; m < 1 << n; m++) {
                int[] s = new int[Integer.bitCount(m)];
                int c = 0;
                for (int i = 0; i < n; i++) {
                    if ((m >>> i & 1) != 0) {
                        s[c++] = i;
                    }
                }
                double[] y = p.perturbationOf(s);
                double moved = 0;
                double up = 0;
                double down = 0;
                for (int k = 0; k < s.length; k++) {
                    assertTrue(Math.abs(y[k]) <= eps, "|y| <= eps");
                    moved += x[s[k]] + y[k];
                    up += x[s[k]] + eps;
                    down += x[s[k]] - eps;
                }
                double error = p.errorOf(s);
                assertEquals(Math.abs(moved - p.target()), error, 1e-12, "y attains the closed form");
                // No perturbation does better: the extreme ones bracket the reachable interval.
                double z = p.target();
                double best = z < down ? down - z : z > up ? z - up : 0;
                assertEquals(best, error, 1e-12, "closed form = distance to [sum - eps|S|, sum + eps|S|]");
            }
        }
    }

    @Test
    void deterministicAndDefensive() {
        SubsetSumProblem p = BruteForce.instance(30, 1, 0, 30, 5);
        for (SubsetSumSolver s : solvers(0)) {
            assertEquals(s.solve(p), s.solve(BruteForce.instance(30, 1, 0, 30, 5)), s.name());
        }
        SubsetSumProblem e = BruteForce.instance(24, 1, 1e-3, 24, 5);
        assertEquals(SOLVERS.get(0).solve(e), SOLVERS.get(0).solve(e));
        assertEquals(SOLVERS.get(1).solve(e), SOLVERS.get(1).solve(e));
        double[] x = {0.5, 0.25};
        SubsetSumProblem q = SubsetSumProblem.of(x, 0.75);
        x[0] = 9;
        assertEquals(0.5, q.value(0));
        q.values()[1] = 9;
        assertEquals(0.25, q.value(1));
        SubsetSumResult r = SOLVERS.get(0).solve(q);
        r.subset()[0] = 1;
        assertArrayEquals(new int[]{0, 1}, r.subset());
    }

    @Test
    void strategies() {
        OptionalDouble none = OptionalDouble.empty();
        assertSame(MeetInTheMiddleSolver.create(), SubsetSumStrategy.AUTO.solverFor(SubsetSumStrategy.AUTO_EXACT_MAX_N, none));
        assertTrue(SubsetSumStrategy.AUTO.solverFor(SubsetSumStrategy.AUTO_EXACT_MAX_N + 1, none) instanceof GridSolver);
        assertSame(MeetInTheMiddleSolver.create(), SubsetSumStrategy.EXACT.solverFor(3, none));
        assertSame(MeetInTheMiddleSolver.create(), SubsetSumStrategy.EXACT.solverFor(MeetInTheMiddleSolver.MAX_N, none));
        assertSame(SchroeppelShamirSolver.create(), SubsetSumStrategy.EXACT.solverFor(MeetInTheMiddleSolver.MAX_N + 1, none));
        assertSame(SchroeppelShamirSolver.create(), SubsetSumStrategy.SCHROEPPEL_SHAMIR.solverFor(3, none));
        for (SubsetSumStrategy s : SubsetSumStrategy.values()) {
            assertSame(s, SubsetSumStrategy.parse(s.cliName()));
            assertSame(s, SubsetSumStrategy.parse(s.name()));
        }
        assertEquals("schroeppel-shamir", SubsetSumStrategy.SCHROEPPEL_SHAMIR.cliName());
        SubsetSumSolver grid = SubsetSumStrategy.GRID.solverFor(3, OptionalDouble.of(0.125));
        SubsetSumProblem p = SubsetSumProblem.of(new double[]{0.3, 0.4}, 0.7);
        assertEquals(0.125, ((GridSolver) grid).stepFor(p));
        assertNotSame(grid, SubsetSumStrategy.GRID.solverFor(3, none));
        assertEquals("exact", SubsetSumStrategy.AUTO.solve(p, none).solver());
        assertEquals("grid", SubsetSumStrategy.GRID.solve(p, none).solver());
    }
}
