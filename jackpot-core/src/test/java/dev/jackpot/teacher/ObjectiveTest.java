package dev.jackpot.teacher;

import dev.jackpot.mask.SupportMask;
import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ObjectiveTest {

    private static Objective sparse(Dataset data, SupportMask mask, Task task) {
        return new SparseObjective(data, mask, task, NeuronParallel.sequential());
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void sparseKernelsEqualTheDenseReferenceBitForBit(Task task) {
        TeacherSpec spec = new TeacherSpec(4, 30, 6, 0.3, OverlapMode.INDEPENDENT, 1, 0.5, task, 0.0);
        Teacher teacher = Fixtures.teacher(spec, 1);
        Dataset data = Fixtures.data(teacher, 257, 1);
        // A learner mask that is neither M* nor dense, with an empty neuron to cover the edge case.
        SupportMask mask = SupportMask.of(30, new int[][]{{0, 3, 4, 9, 29}, {}, {1, 2, 3}, teacher.mask().support(3)});
        Rng rng = Seeds.stream(2, "w");
        double[][] w = Fixtures.randomOnMask(mask, rng);
        for (int j = 0; j < w.length; j++) {
            for (int i = 0; i < w[j].length; i++) {
                w[j][i] *= 0.3;
            }
        }
        Objective d = new DenseObjective(data, mask, task);
        for (SparseObjective.Kernels kernels : List.of(SparseObjective.Kernels.FEATURE_MAJOR,
                SparseObjective.Kernels.SAMPLE_MAJOR)) {
            Objective s = new SparseObjective(data, mask, task, NeuronParallel.sequential(), kernels);
            assertEquals(kernels, ((SparseObjective) s).kernels());
            assertSameAsDense(s, d, w, rng, 0.0);
        }
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void patternKernelsEqualTheDenseReferenceToRounding(Task task) {
        // Fully overlapping supports, as in Figure 4, plus an empty neuron and a neuron off the union.
        TeacherSpec spec = new TeacherSpec(4, 30, 20, 0.2, OverlapMode.FULL, 1, 0.5, task, 0.0);
        Teacher teacher = Fixtures.teacher(spec, 3);
        Dataset data = Fixtures.data(teacher, 257, 3);
        int[][] s = teacher.mask().supportsView();
        SupportMask mask = SupportMask.of(30, new int[][]{s[0], {}, s[2], {0, 1, 2}});
        Rng rng = Seeds.stream(4, "w");
        double[][] w = Fixtures.randomOnMask(mask, rng);
        Objective sparse = new SparseObjective(data, mask, task, NeuronParallel.sequential(),
                SparseObjective.Kernels.PATTERNS);
        assertEquals(SparseObjective.Kernels.PATTERNS, ((SparseObjective) sparse).kernels());
        assertSameAsDense(sparse, new DenseObjective(data, mask, task), w, rng, 1e-11);
    }

    @Test
    void theDefaultKernelsDependOnTheProblemOnly() {
        TeacherSpec full = new TeacherSpec(5, 100, 90, 0.1, OverlapMode.FULL, 1, 0.5, Task.REGRESSION, 0.0);
        SupportMask heavy = Fixtures.teacher(full, 1).mask();
        assertEquals(SparseObjective.Kernels.PATTERNS, SparseObjective.choose(500, heavy));
        TeacherSpec light = new TeacherSpec(5, 100, 10, 0.1, OverlapMode.FULL, 1, 0.5, Task.REGRESSION, 0.0);
        assertEquals(SparseObjective.Kernels.SAMPLE_MAJOR, SparseObjective.choose(500, Fixtures.teacher(light, 1).mask()));
        assertEquals(SparseObjective.Kernels.FEATURE_MAJOR, SparseObjective.choose(5000, heavy));
        TeacherSpec wide = new TeacherSpec(10, 100, 90, 0.1, OverlapMode.FULL, 1, 0.5, Task.REGRESSION, 0.0);
        assertEquals(SparseObjective.Kernels.SAMPLE_MAJOR, SparseObjective.choose(500, Fixtures.teacher(wide, 1).mask()),
                "more neurons than PatternGradient.MAX_NEURONS");
    }

    private static void assertSameAsDense(Objective s, Objective d, double[][] w, Rng rng, double relTol) {
        SupportMask mask = s.mask();
        int[][] ranges = {{0, 257}, {13, 100}, {256, 257}, {3, 250}, {0, 7}, {100, 131}};
        for (int[] range : ranges) {
            double[][] gs = new double[4][30];
            double[][] gd = new double[4][30];
            assertEquals(d.evaluate(w, range[0], range[1], gd), s.evaluate(w, range[0], range[1], gs));
            for (int j = 0; j < 4; j++) {
                assertClose(gd[j], gs[j], relTol, "gradient row " + j + ", samples [" + range[0] + ", " + range[1] + ")");
            }
        }
        double[][] v = Fixtures.randomOnMask(mask, rng);
        double[][] hs = new double[4][30];
        double[][] hd = new double[4][30];
        s.hessianVector(w, v, hs);
        d.hessianVector(w, v, hd);
        for (int j = 0; j < 4; j++) {
            assertClose(hd[j], hs[j], relTol, "Hv row " + j);
        }
    }

    /** Bit for bit when relTol is 0, else |a - b| &lt;= relTol max|expected| entrywise. */
    private static void assertClose(double[] expected, double[] actual, double relTol, String message) {
        if (relTol == 0) {
            assertArrayEquals(expected, actual, message);
            return;
        }
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertArrayEquals(expected, actual, relTol * Math.max(scale, Double.MIN_NORMAL), message);
    }

    @ParameterizedTest
    @EnumSource(Task.class)
    void gradientMatchesCentralFiniteDifferences(Task task) {
        TeacherSpec spec = new TeacherSpec(3, 20, 5, 0.0, OverlapMode.FULL, 1, 0.5, task, 0.0);
        Teacher teacher = Fixtures.teacher(spec, 5);
        Dataset data = Fixtures.data(teacher, 400, 5);
        SupportMask mask = teacher.mask();
        double[][] w = TeacherTrial.perturb(teacher.weights(), mask, 0.3, Seeds.stream(5, "init"));
        Objective f = sparse(data, mask, task);
        double[][] g = new double[3][20];
        f.evaluate(w, 0, 400, g);
        double h = 1e-6;
        int checked = 0;
        for (int j = 0; j < 3; j++) {
            for (int i : mask.support(j)) {
                if (nearKink(w, mask, data, j, i, h)) {
                    continue;
                }
                double saved = w[j][i];
                w[j][i] = saved + h;
                double up = f.evaluate(w, 0, 400, null);
                w[j][i] = saved - h;
                double down = f.evaluate(w, 0, 400, null);
                w[j][i] = saved;
                double numeric = (up - down) / (2 * h);
                assertEquals(numeric, g[j][i], 1e-7 * Math.max(1, Math.abs(numeric)), "dF/dW[" + j + "][" + i + "]");
                checked++;
            }
        }
        assertEquals(15, checked, "every coordinate should be away from a ReLU kink");
    }

    @Test
    void hessianVectorMatchesFiniteDifferencesOfTheGradient() {
        TeacherSpec spec = TeacherSpec.of(3, 20, 5);
        Teacher teacher = Fixtures.teacher(spec, 8);
        Dataset data = Fixtures.data(teacher, 300, 8);
        SupportMask mask = teacher.mask();
        double[][] w = TeacherTrial.perturb(teacher.weights(), mask, 0.3, Seeds.stream(8, "init"));
        double[][] v = Fixtures.randomOnMask(mask, Seeds.stream(8, "v"));
        Objective f = sparse(data, mask, Task.REGRESSION);
        double[][] hv = new double[3][20];
        f.hessianVector(w, v, hv);
        double h = 1e-7;
        double[][] up = new double[3][20];
        double[][] down = new double[3][20];
        f.evaluate(shift(w, v, h), 0, 300, up);
        f.evaluate(shift(w, v, -h), 0, 300, down);
        for (int j = 0; j < 3; j++) {
            for (int i : mask.support(j)) {
                double numeric = (up[j][i] - down[j][i]) / (2 * h);
                assertEquals(numeric, hv[j][i], 1e-6 * Math.max(1e-3, Math.abs(numeric)));
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Teacher teacher = Fixtures.teacher(TeacherSpec.of(7, 50, 10), 3);
        Dataset data = Fixtures.data(teacher, 500, 3);
        double[][] w = TeacherTrial.perturb(teacher.weights(), teacher.mask(), 0.4, Seeds.stream(3, "init"));
        double[][] g1 = new double[7][50];
        double[][] g2 = new double[7][50];
        double l1 = sparse(data, teacher.mask(), Task.REGRESSION).evaluate(w, 0, 500, g1);
        double l2;
        try (NeuronParallel two = NeuronParallel.of(2)) {
            l2 = new SparseObjective(data, teacher.mask(), Task.REGRESSION, two).evaluate(w, 0, 500, g2);
        }
        assertEquals(l1, l2);
        for (int j = 0; j < 7; j++) {
            assertArrayEquals(g1[j], g2[j]);
        }
    }

    /** Whether moving W[j][i] by +-h flips the sign of some pre-activation of neuron j (a ReLU kink). */
    private static boolean nearKink(double[][] w, SupportMask mask, Dataset data, int j, int i, double h) {
        double[] z = new double[data.samples()];
        Forward.preactivation(w[j], mask.support(j), data.rowsView(), 0, data.samples(), z);
        double[] x = data.rowsView()[i];
        for (int n = 0; n < z.length; n++) {
            if (Math.abs(z[n]) <= 2 * h * Math.abs(x[n])) {
                return true;
            }
        }
        return false;
    }

    private static double[][] shift(double[][] w, double[][] v, double h) {
        double[][] s = Matrices.copy(w);
        for (int j = 0; j < s.length; j++) {
            for (int i = 0; i < s[j].length; i++) {
                s[j][i] += h * v[j][i];
            }
        }
        return s;
    }
}
