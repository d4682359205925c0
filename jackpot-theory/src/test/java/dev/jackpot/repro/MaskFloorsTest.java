package dev.jackpot.repro;

import dev.jackpot.jobs.LocalTaskExecutor;
import dev.jackpot.jobs.SweepListener;
import dev.jackpot.jobs.TaskRunner;
import dev.jackpot.report.Claim;
import dev.jackpot.sweep.SweepPlan;
import dev.jackpot.teacher.NeuronParallel;
import dev.jackpot.teacher.TeacherTrial;
import dev.jackpot.teacher.TeacherTrialResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MaskFloorsTest {

    @Test
    void theIdIsPinned() {
        assertEquals("zhang2021-mask-floors-44136fa355b3678a", MaskFloors.id(MaskFloors.Spec.of(200)).toString());
        assertEquals("zhang2021-mask-floors-ee55a2fabf6e9453", MaskFloors.id(MaskFloors.Spec.of(1000)).toString());
        assertThrows(IllegalArgumentException.class, () -> MaskFloors.Spec.of(0));
        assertThrows(IllegalArgumentException.class, () -> MaskFloors.Spec.of(1001));
        assertThrows(IllegalArgumentException.class, () -> new MaskFloors.Spec(5, 1));
    }

    private static MaskFloors.Result run(Path root, int threads) throws Exception {
        return MaskFloors.run(MaskFloors.Spec.of(1), root, new LocalTaskExecutor(threads), new TaskRunner(),
                SweepListener.NONE).orElseThrow();
    }

    @Test
    void everyFloorBoundsAlgorithmOneOnFigureSevensTrials(@TempDir Path root, @TempDir Path other) throws Exception {
        MaskFloors.Result one = run(root, 1);
        assertEquals(MaskTrials.SOURCES.size() * Fig7MaskAccuracy.RATIOS.length, one.trials().size());
        for (MaskFloors.Trial t : one.trials()) {
            assertTrue(t.floor() > 0 && t.floor() <= t.algorithm() * (1 + 1e-12),
                    t + ": no weights on the mask do better than the floor");
        }
        // The study's trial is Fig. 7's: the same mask and fit as the sweep's trial at its own test-sample count.
        SweepPlan plan = new SweepPlan(MaskFloors.sweep());
        SweepPlan.Cell cell = plan.cells().get(7);
        TeacherTrialResult fig7 = TeacherTrial.run(plan.trialSpec(cell, 0), NeuronParallel.sequential(),
                dev.jackpot.teacher.TrialListener.NONE);
        MaskFloors.Trial mine = one.trials().get(7);
        assertEquals(cell.coordinates().get("mask.source").toString(), mine.source());
        assertEquals(fig7.maskAccuracy(), mine.accuracy());

        assertEquals(one.trials(), run(other, 2).trials(), "the thread count changes nothing");
        MaskFloors.Result resumed = run(root, 2);
        assertEquals(one.trials(), resumed.trials(), "a finished run is read back, not recomputed");
        Path dir = root.resolve(MaskFloors.id(MaskFloors.Spec.of(1)).toString());
        for (String f : List.of("report.html", "report.md", "result.json", "claims.json", "spec.yaml",
                "manifest.json", "results.sqlite", "plots/floor-vs-accuracy.png")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
    }

    @Test
    void favourableFloorsGrowAsOracleWeightsAreDropped() {
        SweepPlan plan = new SweepPlan(MaskFloors.sweep());
        double[] floors = MaskFloors.favourableFloors(plan.trialSpec(plan.cells().get(0), 3));
        for (int m = 1; m < floors.length; m++) {
            assertTrue(floors[m] >= floors[m - 1] * (1 - 1e-9), "nested masks: dropping "
                    + MaskFloors.DROPS[m] + " gives " + floors[m] + ", dropping fewer " + floors[m - 1]);
        }
        assertTrue(floors[0] > 0);
    }

    @Test
    void claimsCompareThePapersErrorsWithTheLeastFloorAvailable() {
        List<MaskFloors.Trial> rows = List.of(
                new MaskFloors.Trial("grasp_abs", 0.6, 0, 0.88, 0.1, 5e-4, 4e-4),
                new MaskFloors.Trial("grasp_abs", 0.6, 1, 0.95, 0.1, 1e-9, 2e-9),
                new MaskFloors.Trial("grasp", 0.6, 0, 0.5, 0.3, 0.2, 0.1),
                new MaskFloors.Trial("magnitude", 0.4, 0, 1.0, 0.01, 1e-10, Double.NaN));
        assertArrayEquals(new int[]{2, 3}, MaskFloors.trialsAboveFavourable(rows),
                "1e-9 lies below its teacher's favourable 2e-9; a mask holding M* is not compared");
        List<MaskFloors.Favourable> favourable = List.of(
                new MaskFloors.Favourable(1, 0.99, new double[]{1e-5, 3e-5}),
                new MaskFloors.Favourable(10, 0.90, new double[]{2e-2, 8e-3}));
        List<Claim> claims = MaskFloors.claims(rows, favourable);
        assertEquals(7, claims.size());
        // The least in-window floor is the sampled 5e-4 (the out-of-window 1e-9 does not count).
        assertEquals(5e-4, claims.get(0).value());
        assertEquals(Claim.Status.NOT_REPRODUCED, claims.get(0).status(), "1e-6 lies below every in-window floor");
        assertEquals(Claim.Status.REPRODUCED, claims.get(1).status(), "1e-2 lies above one");
        assertEquals(Claim.Status.REPRODUCED, claims.get(2).status(), "so does 1e-3");
        // Fig. 7 at accuracy 0.99: the share of teachers (floors 1e-5, 3e-5) at or below 4e-4, 8e-5, 1.5e-5, 7e-6.
        assertEquals(List.of(1.0, 1.0, 0.5, 0.0), claims.subList(3, 7).stream().map(Claim::value).toList());
        assertTrue(claims.subList(3, 7).stream().allMatch(c -> c.status() == Claim.Status.INCONCLUSIVE));
    }
}
