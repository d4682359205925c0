package dev.jackpot.strong;

import dev.jackpot.jobs.SweepListener;
import dev.jackpot.jobs.TaskRunner;
import dev.jackpot.report.Claim;
import dev.jackpot.store.TrialRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LuekerTest {

    @Test
    void tinyScaleReproducesTheClaimsAndResumes(@TempDir Path root) throws Exception {
        LuekerSpec spec = LuekerSpec.tiny();
        Lueker.Result first = Lueker.run(spec, root, 2, new TaskRunner(), SweepListener.NONE);
        assertTrue(first.complete());
        assertEquals(spec.laws().size() * spec.ratios().size() * spec.nCount() * spec.trials(), first.computed());
        assertTrue(Files.exists(first.layout().dir().resolve("report.html")));
        assertTrue(Files.exists(first.layout().dir().resolve("report.md")));
        assertTrue(Files.exists(first.layout().plot("n50-fit", "png")));
        // measured at this scale (seed 1998, 24 trials, n = 2..14, eta 1e-1..1e-3): every claim holds
        for (Claim c : first.claims()) {
            assertTrue(c.reproduced(), c.claim() + ": " + c.statistic() + " = " + c.value() + "; " + c.detail());
        }
        assertEquals(5, first.claims().size());
        for (Lueker.Curve c : first.curves()) {
            assertTrue(c.fit().slope() > 0 && c.fit().slope() < 3, "c = " + c.fit().slope());
        }

        Lueker.Result again = Lueker.run(spec, root, 1, new TaskRunner(), SweepListener.NONE);
        assertEquals(0, again.computed());
        assertEquals(first.curves().get(0).fit(), again.curves().get(0).fit());
    }

    @Test
    void trialsAreIdenticalForAnyThreadCountAndPairedAcrossRatios(@TempDir Path root) throws Exception {
        LuekerSpec spec = new LuekerSpec(5, List.of(CandidateLaw.UNIFORM), List.of(0.0, 2.0), 3, 8,
                List.of(0.1, 0.01), 6);
        List<TrialRow> one = rows(spec, root.resolve("a"), 1);
        List<TrialRow> two = rows(spec, root.resolve("b"), 2);
        for (int i = 0; i < one.size(); i++) {
            assertEquals(one.get(i).metrics(), two.get(i).metrics());
            assertEquals(one.get(i).seed(), two.get(i).seed());
        }
        // perturbation can only help: on the same candidate set, covered without eps implies covered with it
        int half = one.size() / 2;
        for (int i = 0; i < half; i++) {
            TrialRow plain = one.get(i);
            TrialRow perturbed = one.get(i + half);
            assertEquals(plain.seed(), perturbed.seed());
            for (double eta : spec.etas()) {
                String m = Lueker.coveredMetric(eta);
                if (Boolean.TRUE.equals(plain.metrics().get(m))) {
                    assertEquals(Boolean.TRUE, perturbed.metrics().get(m));
                }
            }
        }
    }

    private static List<TrialRow> rows(LuekerSpec spec, Path root, int threads) throws Exception {
        return new TaskRunner().run(new dev.jackpot.experiment.RunLayout(root, Lueker.id(spec)), "x", java.util.Map.of(),
                Lueker.tasks(spec), threads, SweepListener.NONE).rows();
    }

    @Test
    void n50InterpolatesAndCensors() {
        double[] n = {4, 5, 6, 7};
        assertEquals(5.5, Lueker.n50(n, new double[]{0, 0.25, 0.75, 1}), 1e-12);
        assertTrue(Double.isNaN(Lueker.n50(n, new double[]{0.6, 0.7, 0.8, 1})));
        assertTrue(Double.isNaN(Lueker.n50(n, new double[]{0, 0.1, 0.2, 0.3})));
    }

    @Test
    void specRejectsImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> new LuekerSpec(1, List.of(CandidateLaw.UNIFORM), List.of(0.0),
                3, 30, List.of(0.1), 5));
        assertThrows(IllegalArgumentException.class, () -> new LuekerSpec(1, List.of(CandidateLaw.UNIFORM), List.of(-1.0),
                3, 10, List.of(0.1), 5));
        assertThrows(IllegalArgumentException.class, () -> new LuekerSpec(1, List.of(CandidateLaw.UNIFORM), List.of(0.0),
                3, 10, List.of(0.0), 5));
        assertThrows(IllegalArgumentException.class, () -> new LuekerSpec(1, List.of(), List.of(0.0), 3, 10,
                List.of(0.1), 5));
        assertThrows(IllegalArgumentException.class, () -> new LuekerSpec(1, List.of(CandidateLaw.UNIFORM), List.of(0.0),
                3, 10, List.of(0.1), 0));
    }
}
