package dev.jackpot.teacher;

import dev.jackpot.mask.SupportMask;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PopulationFitTest {

    @Test
    void lossIsTheSquareOfTheClosedFormPopulationError() {
        Teacher t = Fixtures.teacher(TeacherSpec.of(5, 40, 8), 4);
        SupportMask dense = SupportMask.dense(40, 5);
        double[][] w = TeacherTrial.perturb(t.weights(), dense, 0.3, Seeds.stream(4, "init"));
        double rms = Recovery.populationTestError(w, dense, t.weights());
        assertEquals(rms * rms, PopulationFit.loss(w, t.weights(), null), 1e-14);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        Teacher t = Fixtures.teacher(TeacherSpec.of(4, 12, 5), 5);
        SupportMask dense = SupportMask.dense(12, 4);
        double[][] w = TeacherTrial.perturb(t.weights(), dense, 0.5, Seeds.stream(5, "init"));
        double[][] g = new double[4][12];
        PopulationFit.loss(w, t.weights(), g);
        double h = 1e-6;
        for (int j = 0; j < 4; j++) {
            for (int i = 0; i < 12; i++) {
                double keep = w[j][i];
                w[j][i] = keep + h;
                double up = PopulationFit.loss(w, t.weights(), null);
                w[j][i] = keep - h;
                double down = PopulationFit.loss(w, t.weights(), null);
                w[j][i] = keep;
                assertEquals((up - down) / (2 * h), g[j][i], 1e-8, "dL/dw[" + j + "][" + i + "]");
            }
        }
    }

    /**
     * K = 1, the learner lacks coordinate 0 of w* = (b, a): the best learner points along a, with norm
     * |w*| h / pi, h = sin t + (pi - t) cos t, cos t = |a| / |w*|, and L = (|w*|^2 / 2)(1 - h^2 / pi^2).
     */
    @Test
    void singleNeuronMissingOneWeightReachesTheClosedForm() {
        double[][] wStar = {{0.4, 0.3, -0.2, 0.1}};
        double[] a = {0.3, -0.2, 0.1};
        double na = Math.sqrt(Arrays.stream(a).map(v -> v * v).sum());
        double ns = Math.sqrt(0.16 + na * na);
        double theta = Math.acos(na / ns);
        double h = Math.sin(theta) + (Math.PI - theta) * Math.cos(theta);
        double expected = Math.sqrt(ns * ns / 2 * (1 - h * h / (Math.PI * Math.PI)));
        SupportMask mask = SupportMask.of(4, new int[][]{{1, 2, 3}});
        PopulationFit.Result fit = PopulationFit.minimise(wStar, mask, new double[][]{{9, 0.1, 0.1, 0.1}}, 20_000);
        assertEquals(expected, fit.rms(), 1e-9);
        assertEquals(0.0, fit.weights()[0][0], "off the mask the fit stays exactly zero");
        double scale = ns * h / Math.PI / na;
        for (int i = 1; i < 4; i++) {
            assertEquals(scale * a[i - 1], fit.weights()[0][i], 1e-6);
        }
    }

    @Test
    void aMaskHoldingTheOracleSupportHasNoFloor() {
        Teacher t = Fixtures.teacher(TeacherSpec.of(5, 100, 20), 6);
        SupportMask dense = SupportMask.dense(100, 5);
        double[][] start = TeacherTrial.perturb(t.weights(), dense, 0.2, Seeds.stream(6, "init"));
        PopulationFit.Result fit = PopulationFit.minimise(t.weights(), dense, start, 50_000);
        assertTrue(fit.startRms() > 0.01, "start " + fit.startRms());
        assertTrue(fit.rms() < 1e-6, "floor " + fit.rms());
    }

    @Test
    void droppingOracleWeightsLeavesAFloorThatGrowsWithWhatIsDropped() {
        Teacher t = Fixtures.teacher(TeacherSpec.of(5, 100, 20), 7);
        double[][] wStar = t.weights();
        double previous = 0;
        for (int drop : new int[]{1, 5, 15}) {
            SupportMask mask = LearnerMasks.oracleLessSmallest(t.mask(), wStar, drop);
            assertEquals(1 - drop / 100.0, mask.accuracyAgainst(t.mask()), 1e-12);
            PopulationFit.Result fit = PopulationFit.minimise(wStar, mask, wStar, 50_000);
            double dropped = Recovery.populationTestError(wStar, mask, wStar);
            assertTrue(fit.rms() > previous, drop + " dropped: floor " + fit.rms() + " after " + previous);
            assertTrue(fit.rms() <= dropped, "the fit never ends above its start W* . M");
            assertEquals(dropped, fit.startRms(), 1e-10);
            PopulationFit.Result again = PopulationFit.minimise(wStar, mask, fit.weights(), 50_000);
            assertEquals(fit.rms(), again.rms(), 1e-9 * fit.rms(), "the fit stopped at a stationary point");
            previous = fit.rms();
        }
    }

    @Test
    void rejectsMismatchedShapes() {
        double[][] wStar = {{1, 0}, {0, 1}};
        assertThrows(IllegalArgumentException.class,
                () -> PopulationFit.minimise(wStar, SupportMask.dense(2, 1), wStar, 10));
        assertThrows(IllegalArgumentException.class,
                () -> PopulationFit.minimise(wStar, SupportMask.dense(2, 2), wStar, 0));
    }
}
