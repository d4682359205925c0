package dev.jackpot.teacher;

import dev.jackpot.mask.SupportMask;
import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoveryTest {

    @Test
    void errorIsInvariantUnderNeuronPermutations() {
        Teacher t = Fixtures.teacher(TeacherSpec.of(6, 40, 8), 1);
        double[][] wStar = t.weights();
        double[][] w = TeacherTrial.perturb(wStar, t.mask(), 0.05, Seeds.stream(1, "init"));
        double base = Recovery.relativeError(w, wStar);
        assertEquals(0.05, base, 1e-12);
        Rng rng = Seeds.stream(1, "perm");
        for (int trial = 0; trial < 20; trial++) {
            int[] p = {0, 1, 2, 3, 4, 5};
            rng.shuffle(p);
            double[][] permuted = new double[6][];
            for (int j = 0; j < 6; j++) {
                permuted[j] = w[p[j]];
            }
            assertEquals(base, Recovery.relativeError(permuted, wStar), 1e-15);
        }
        assertEquals(0.0, Recovery.relativeError(wStar, wStar));
    }

    @Test
    void optimalAssignmentBeatsGreedy() {
        // Squared distances: row 0 -> (1, 81), row 1 -> (2, 130). Greedy matching of row 0 first
        // takes column 0 (cost 1) and forces row 1 onto column 1 (total 131); the optimum is 81 + 2.
        double[][] wStar = {{0, 0}, {10, 0}};
        double[][] w = {{1, 0}, {-1.41421356, 0}};
        double optimal = Math.sqrt(Math.pow(1 - 10, 2) + Math.pow(-1.41421356, 2));
        double identity = Math.sqrt(1 + Math.pow(11.41421356, 2));
        assertTrue(optimal < identity);
        assertEquals(optimal / 10, Recovery.relativeError(w, wStar), 1e-12);
    }

    @Test
    void testErrorIsZeroForTheTeacherAndPositiveOtherwise() {
        Teacher t = Fixtures.teacher(TeacherSpec.of(4, 30, 6), 2);
        Dataset test = Dataset.draw(t, 2000, Seeds.derive(2, "test"), false);
        assertEquals(0.0, Recovery.testError(t.weights(), t.mask(), test));
        double[][] w = TeacherTrial.perturb(t.weights(), t.mask(), 0.1, Seeds.stream(2, "init"));
        assertTrue(Recovery.testError(w, t.mask(), test) > 0);
    }

    @Test
    void populationTestErrorIsTheLimitOfTheSampledOne() {
        Teacher t = Fixtures.teacher(TeacherSpec.of(5, 40, 8), 3);
        SupportMask dense = SupportMask.dense(40, 5);
        assertEquals(0.0, Recovery.populationTestError(t.weights(), t.mask(), t.weights()), 1e-9);
        Dataset test = Dataset.draw(t, 200_000, Seeds.derive(3, "test"), false);
        for (double lambda : new double[]{0.3, 0.01}) {
            double[][] w = TeacherTrial.perturb(t.weights(), dense, lambda, Seeds.stream(3, "init"));
            double sampled = Recovery.testError(w, dense, test);
            double population = Recovery.populationTestError(w, dense, t.weights());
            // The sampled RMS has a relative standard deviation of well under 1% at 2e5 samples.
            assertEquals(1.0, population / sampled, 0.02, "lambda " + lambda);
            // Entries off the mask are ignored, as by testError.
            SupportMask oracle = t.mask();
            assertEquals(Recovery.testError(w, oracle, test) / Recovery.populationTestError(w, oracle, t.weights()),
                    1.0, 0.02);
        }
    }

    @Test
    void reluKernelMatchesItsClosedFormValues() {
        double[] u = {1, 0, 0};
        assertEquals(0.5, Recovery.reluKernel(u, u), 1e-15);
        assertEquals(1 / (2 * Math.PI), Recovery.reluKernel(u, new double[]{0, 1, 0}), 1e-15);
        assertEquals(0.0, Recovery.reluKernel(u, new double[]{-2, 0, 0}), 1e-15);
        assertEquals(0.0, Recovery.reluKernel(u, new double[]{0, 0, 0}));
    }
}
