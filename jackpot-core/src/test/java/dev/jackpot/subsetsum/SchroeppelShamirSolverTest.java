package dev.jackpot.subsetsum;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SchroeppelShamirSolverTest {

    private static final SubsetSumSolver SS = SchroeppelShamirSolver.create();
    private static final SubsetSumSolver MITM = MeetInTheMiddleSolver.create();

    private static void assertExact(SubsetSumProblem p, SubsetSumResult r, double optimum) {
        MeetInTheMiddleSolverTest.assertConsistent(p, r);
        assertEquals(optimum, r.error(), 1e-12, p.toString());
        assertTrue(r.optimal() && r.gap() == 0 && r.solver().equals("schroeppel-shamir"), r.toString());
    }

    @Test
    void equalsBruteForceAndMeetInTheMiddleOnRandomInstances() {
        for (int n = 0; n <= 20; n++) {
            int count = n <= 12 ? 16 : n <= 16 ? 4 : 1;
            for (int t = 0; t < count; t++) {
                // Targets up to 4 in magnitude: some out of reach of every subset.
                SubsetSumProblem p = BruteForce.instance(n, t % 4 == 3 ? 4 : 1, 0, n, t, 5);
                SubsetSumResult r = SS.solve(p);
                assertExact(p, r, BruteForce.optimum(p.values(), p.target(), 0));
                assertEquals(MITM.solve(p).error(), r.error(), 1e-12, p.toString());
            }
        }
    }

    @Test
    void duplicatesZerosNegativesAndCoarseValues() {
        // Values on a coarse grid make many subsets tie: every tie-break must still find the optimum.
        Rng rng = Seeds.stream(BruteForce.SEED, "schroeppel-shamir-coarse");
        for (int t = 0; t < 60; t++) {
            int n = 1 + t % 17;
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = (rng.nextInt(9) - 4) / 4.0;
            }
            double z = (rng.nextInt(41) - 20) / 8.0;
            SubsetSumProblem p = SubsetSumProblem.of(x, z);
            assertExact(p, SS.solve(p), BruteForce.optimum(x, z, 0));
        }
        SubsetSumProblem all = SubsetSumProblem.of(new double[]{-0.5, -0.25, -0.125, -0.0625, -1}, -1.9375);
        assertArrayEquals(new int[]{0, 1, 2, 3, 4}, SS.solve(all).subset());
        SubsetSumProblem zeros = SubsetSumProblem.of(new double[]{0, 0, 0, 0, 0, 0.5}, 0.5);
        assertArrayEquals(new int[]{5}, SS.solve(zeros).subset(), "zeros are not taken: the first exact hit wins");
    }

    @Test
    void tinyInstancesEveryTarget() {
        for (int n = 0; n <= 3; n++) {
            for (int t = 0; t < 10; t++) {
                SubsetSumProblem p = BruteForce.instance(n, 2, 0, n, t, 13);
                assertExact(p, SS.solve(p), BruteForce.optimum(p.values(), p.target(), 0));
            }
        }
        assertArrayEquals(new int[0], SS.solve(SubsetSumProblem.of(new double[0], 0.3)).subset());
        assertEquals(0.3, SS.solve(SubsetSumProblem.of(new double[0], 0.3)).error());
    }

    @Test
    void agreesWithMeetInTheMiddleAtThirtyToThirtySix() {
        for (int n = 30; n <= 36; n++) {
            SubsetSumProblem p = BruteForce.instance(n, n % 2 == 0 ? 1 : 30, 0, n, 17);
            SubsetSumResult r = SS.solve(p);
            assertExact(p, r, MITM.solve(p).error());
        }
    }

    @Test
    void deterministic() {
        SubsetSumProblem p = BruteForce.instance(28, 1, 0, 28, 3);
        SubsetSumResult r = SS.solve(p);
        assertEquals(r, SS.solve(BruteForce.instance(28, 1, 0, 28, 3)));
        // Heavy ties: many subsets reach the target exactly; the same one comes back every time.
        SubsetSumProblem ties = SubsetSumProblem.of(new double[]{0.25, 0.25, 0.5, 0.25, 0.5, 0.25, 0.75, 0.5, 0.25}, 1.5);
        SubsetSumResult a = SS.solve(ties);
        assertEquals(0, a.error());
        assertEquals(a, SS.solve(SubsetSumProblem.of(ties.values(), 1.5)));
    }

    @Test
    void rejectsWhatItCannotSolve() {
        IllegalArgumentException eps = assertThrows(IllegalArgumentException.class,
                () -> SS.solve(BruteForce.instance(10, 1, 1e-3, 10)));
        assertTrue(eps.getMessage().contains("eps = 0.001") && eps.getMessage().contains("grid"), eps.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> SS.solve(SubsetSumProblem.of(new double[65], 0)));
        assertTrue(big.getMessage().contains("n = 64") && big.getMessage().contains("n = 65"), big.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SchroeppelShamirSolver.peakArrayBytes(65));
        assertTrue(SchroeppelShamirSolver.peakArrayBytes(64) < 10_000_000, "O(2^{n/4}) memory");
        assertTrue(SchroeppelShamirSolver.peakArrayBytes(44) < MeetInTheMiddleSolver.peakArrayBytes(44, 0) / 100);
    }
}
