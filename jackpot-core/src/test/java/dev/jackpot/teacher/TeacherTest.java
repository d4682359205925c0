package dev.jackpot.teacher;

import dev.jackpot.mask.RTilde;
import dev.jackpot.mask.SupportMask;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeacherTest {

    @Test
    void fullOverlapMakesEveryPairIntersectAndRTildeEqualR() {
        Teacher t = Fixtures.teacher(TeacherSpec.of(10, 300, 20), 1);
        SupportMask m = t.mask();
        assertEquals(100, m.overlapCount());
        for (int j = 0; j < 10; j++) {
            assertEquals(20, m.size(j));
        }
        assertEquals(20.0, RTilde.of(m), 1e-9);
        for (double[] row : t.weights()) {
            for (double v : row) {
                assertTrue(Math.abs(v) <= 0.5);
            }
        }
    }

    @Test
    void groupsAreDisjointAcrossAndOverlappingWithin() {
        TeacherSpec spec = TeacherSpec.of(6, 100, 10).withOverlap(OverlapMode.GROUPS, 3);
        SupportMask m = Fixtures.teacher(spec, 2).mask();
        for (int j = 0; j < 6; j++) {
            for (int k = 0; k < 6; k++) {
                assertEquals(j % 3 == k % 3, m.overlaps(j, k), j + "," + k);
            }
        }
        // 3 groups of 2: sum_jk delta = 12, so r~ = (1/8K^4) (sqrt(20) (36 + 12))^2.
        double expected = Math.pow(Math.sqrt(20) * (36 + 12), 2) / (8.0 * Math.pow(6, 4));
        assertEquals(expected, RTilde.of(m), 1e-9);
    }

    @Test
    void supportSizesFollowTheSpread() {
        TeacherSpec spec = TeacherSpec.of(50, 500, 100).withRSpread(0.1);
        SupportMask m = Fixtures.teacher(spec, 3).mask();
        boolean varied = false;
        for (int j = 0; j < 50; j++) {
            assertTrue(m.size(j) >= 90 && m.size(j) <= 110, "r_j = " + m.size(j));
            varied |= m.size(j) != 100;
        }
        assertTrue(varied);
    }

    @Test
    void dataIsReproducibleAndRowsDoNotDependOnWhenTheyAreGenerated() {
        Teacher t = Fixtures.teacher(TeacherSpec.of(3, 50, 5), 4);
        Dataset a = Fixtures.data(t, 100, 4);
        Dataset b = Fixtures.data(t, 100, 4);
        b.materialiseAll();
        a.materialise(SupportMask.dense(50, 1));
        for (int i = 0; i < 50; i++) {
            assertArrayEquals(a.row(i), b.row(i));
        }
        assertArrayEquals(a.targetsView(), b.targetsView());
    }

    @Test
    void noiseHasTheRequestedRatioToTheOutputScale() {
        Teacher t = Fixtures.teacher(TeacherSpec.of(5, 100, 20).withNoise(0.1), 5);
        Dataset data = Fixtures.data(t, 200_000, 5);
        double[] y = data.targetsView();
        double[] clean = data.cleanView();
        double s = 0;
        for (int n = 0; n < y.length; n++) {
            s += (y[n] - clean[n]) * (y[n] - clean[n]);
        }
        double ratio = Math.sqrt(s / y.length) / data.outputScale();
        // sd of the sample sd of 2e5 Gaussians is 0.16%; allow 4 sd.
        assertEquals(0.1, ratio, 0.1 * 0.0064);
    }

    @Test
    void binaryLabelsFollowTheTeachersProbability() {
        TeacherSpec spec = TeacherSpec.of(4, 30, 6).withTask(Task.BINARY);
        Teacher t = Fixtures.teacher(spec, 6);
        Dataset data = Dataset.draw(t, 100_000, Seeds.derive(6, "data"), true);
        double meanY = 0;
        double meanP = 0;
        for (int n = 0; n < data.samples(); n++) {
            assertTrue(data.targetsView()[n] == 0.0 || data.targetsView()[n] == 1.0);
            meanY += data.targetsView()[n];
            meanP += Math.min(1, Math.max(0, data.cleanView()[n]));
        }
        // Bernoulli mean of 1e5 draws: sd at most 0.0016.
        assertEquals(meanP / data.samples(), meanY / data.samples(), 0.0064);
        assertFalse(meanY == 0);
    }
}
