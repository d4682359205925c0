package dev.jackpot.teacher;

import dev.jackpot.mask.SupportMask;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgdSolverTest {

    private static final TeacherSpec SPEC = TeacherSpec.of(5, 60, 10);

    private static AgdResult fit(Teacher teacher, Dataset data, double lambda, AgdSpec agd, long seed) {
        SupportMask mask = teacher.mask();
        double[][] w0 = TeacherTrial.perturb(teacher.weights(), mask, lambda, Seeds.stream(seed, "init"));
        Objective f = new SparseObjective(data, mask, Task.REGRESSION, NeuronParallel.sequential());
        return AgdSolver.solve(f, w0, agd, AgdListener.NONE);
    }

    @Test
    void recoversTheTeacherExactlyWithSamplesWellAboveTheComplexity() {
        for (long seed = 1; seed <= 3; seed++) {
            Teacher teacher = Fixtures.teacher(SPEC, seed);
            // K r~ = 50 unknowns; N = 2000 is 40 samples per unknown.
            Dataset data = Fixtures.data(teacher, 2000, seed);
            AgdResult r = fit(teacher, data, 0.1, AgdSpec.DEFAULT.withTol(1e-12), seed);
            assertTrue(r.converged(), r.stopReason());
            assertTrue(Recovery.relativeError(r.weights(), teacher.weights()) < 1e-6,
                    "error " + Recovery.relativeError(r.weights(), teacher.weights()));
        }
    }

    @Test
    void momentumNeedsFewerIterationsThanPlainGradientDescent() {
        Teacher teacher = Fixtures.teacher(SPEC, 4);
        Dataset data = Fixtures.data(teacher, 1000, 4);
        AgdResult agd = fit(teacher, data, 0.3, AgdSpec.DEFAULT, 4);
        AgdResult gd = fit(teacher, data, 0.3, AgdSpec.DEFAULT.withBeta(0), 4);
        assertTrue(agd.converged() && gd.converged());
        assertTrue(agd.iterations() < gd.iterations(), agd.iterations() + " vs " + gd.iterations());
    }

    @Test
    void prunedWeightsStayExactlyZero() {
        Teacher teacher = Fixtures.teacher(SPEC, 5);
        Dataset data = Fixtures.data(teacher, 500, 5);
        SupportMask mask = teacher.mask();
        // Start from a dense point: the solver must project it onto the mask.
        double[][] w0 = TeacherTrial.perturb(teacher.weights(), SupportMask.dense(60, 5), 0.3, Seeds.stream(5, "i"));
        Objective f = new SparseObjective(data, mask, Task.REGRESSION, NeuronParallel.sequential());
        int[] violations = {0};
        AgdListener check = (t, loss, change, w) -> {
            for (int j = 0; j < 5; j++) {
                for (int i = 0; i < 60; i++) {
                    if (!mask.contains(j, i) && w[j][i] != 0.0) {
                        violations[0]++;
                    }
                }
            }
        };
        AgdResult r = AgdSolver.solve(f, w0, AgdSpec.DEFAULT.withMaxIterations(50), check);
        assertEquals(0, violations[0]);
        assertEquals(mask.nonzeros(), SupportMask.nonzero(r.weights()).nonzeros());
    }

    @Test
    void divergenceIsReportedAsAResult() {
        Teacher teacher = Fixtures.teacher(SPEC, 6);
        Dataset data = Fixtures.data(teacher, 500, 6);
        AgdResult r = fit(teacher, data, 0.2, AgdSpec.DEFAULT.withEta(8, StepUnit.NORMALISED), 6);
        assertTrue(r.diverged(), r.stopReason());
        assertFalse(r.converged());
        assertTrue(Matrices.allFinite(r.weights()), "the last finite iterate is returned");
        assertTrue(r.iterations() < 200, "stopped early, after " + r.iterations());
    }

    @Test
    void disjointPartitionsAsInAlgorithmOneAlsoConverge() {
        Teacher teacher = Fixtures.teacher(SPEC, 7);
        Dataset data = Fixtures.data(teacher, 4000, 7);
        AgdResult r = fit(teacher, data, 0.1, AgdSpec.DEFAULT.withPartitions(4).withEta(0.5, StepUnit.NORMALISED), 7);
        assertFalse(r.diverged(), r.stopReason());
        assertTrue(Recovery.relativeError(r.weights(), teacher.weights()) < 1e-5,
                "error " + Recovery.relativeError(r.weights(), teacher.weights()));
    }

    @Test
    void sameSpecGivesBitIdenticalWeightsAtOneAndTwoThreads() {
        TeacherTrialSpec spec = TeacherTrialSpec.defaults(6, 80, 800, 12, 99);
        TeacherTrialResult one = TeacherTrial.run(spec, NeuronParallel.sequential(), TrialListener.NONE);
        TeacherTrialResult two;
        try (NeuronParallel p = NeuronParallel.of(2)) {
            two = TeacherTrial.run(spec, p, TrialListener.NONE);
        }
        assertEquals(one.iterations(), two.iterations());
        for (int j = 0; j < 6; j++) {
            assertArrayEquals(one.weights()[j], two.weights()[j]);
        }
        TeacherTrialResult again = TeacherTrial.run(spec, NeuronParallel.sequential(), TrialListener.NONE);
        assertEquals(one.recoveryError(), again.recoveryError());
    }

    @Test
    void theNormalisedStepIsEtaOverTheCurvatureAndMatchesThePaperUnit() {
        Teacher teacher = Fixtures.teacher(SPEC, 8);
        Dataset data = Fixtures.data(teacher, 600, 8);
        AgdResult a = fit(teacher, data, 0.2, AgdSpec.DEFAULT.withEta(0.8, StepUnit.NORMALISED), 8);
        // The same step given in paper units gives the same run, bit for bit.
        AgdResult b = fit(teacher, data, 0.2, AgdSpec.DEFAULT.withEta(a.step(), StepUnit.PAPER), 8);
        assertEquals(a.iterations(), b.iterations());
        assertArrayEquals(a.weights()[0], b.weights()[0]);
        // For K = 5 the curvature of eq. (2) is Theta(1/K): the paper-unit step is of order K.
        assertTrue(a.step() > 5 && a.step() < 100, "step " + a.step());
    }

    @Test
    void curvatureEstimateMatchesTheLargestRayleighQuotientFound() {
        Teacher teacher = Fixtures.teacher(TeacherSpec.of(3, 20, 4), 9);
        Dataset data = Fixtures.data(teacher, 400, 9);
        Objective f = new SparseObjective(data, teacher.mask(), Task.REGRESSION, NeuronParallel.sequential());
        double[][] w = teacher.weights();
        double estimate = Curvature.topEigenvalue(f, w, 200);
        // No direction may have a larger Rayleigh quotient than lambda_max.
        dev.jackpot.rng.Rng rng = Seeds.stream(9, "directions");
        double best = 0;
        for (int t = 0; t < 200; t++) {
            double[][] v = Fixtures.randomOnMask(teacher.mask(), rng);
            double[][] hv = new double[3][20];
            f.hessianVector(w, v, hv);
            double num = 0;
            double den = 0;
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 20; i++) {
                    num += v[j][i] * hv[j][i];
                    den += v[j][i] * v[j][i];
                }
            }
            best = Math.max(best, num / den);
        }
        assertTrue(best <= estimate * (1 + 1e-9), best + " > " + estimate);
        assertEquals(estimate, Curvature.topEigenvalue(f, w, Curvature.ITERATIONS), 0.05 * estimate);
    }
}
