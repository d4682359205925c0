package dev.jackpot.sweep;

import dev.jackpot.jobs.SweepListener;
import dev.jackpot.store.ResultStore;
import dev.jackpot.store.TrialRow;
import dev.jackpot.teacher.InitMethod;
import dev.jackpot.teacher.InitSpec;
import dev.jackpot.teacher.TeacherTrialSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SweepRunnerTest {

    static final SweepSpec SMALL = SweepSpec.of(TeacherTrialSpec.defaults(3, 30, 300, 5, 1).withTestSamples(200), 3,
            Axis.of("teacher.r", 3, 5), Axis.of("n", 150, 300));

    /** Rows without their wall time, which is the only field allowed to differ between runs. */
    static List<String> comparable(List<TrialRow> rows) {
        return rows.stream().map(r -> r.key() + r.cell() + r.trial() + r.seed() + r.coordinates() + r.metrics()
                + r.status() + r.error()).toList();
    }

    @Test
    void rowsAreIdenticalForAnyThreadCount(@TempDir Path a, @TempDir Path b) throws Exception {
        SweepRunner.Outcome one = new SweepRunner().run("sweep", SMALL, a, 1, SweepListener.NONE);
        SweepRunner.Outcome two = new SweepRunner().run("sweep", SMALL, b, 2, SweepListener.NONE);
        assertTrue(one.complete() && two.complete());
        assertEquals(12, one.rows().size());
        assertEquals(comparable(one.rows()), comparable(two.rows()));
        assertEquals(a.relativize(one.layout().dir()), b.relativize(two.layout().dir()));
        assertTrue(Files.exists(one.layout().spec()) && Files.exists(one.layout().manifest()));
    }

    @Test
    void aReRunThatComputesNothingLeavesTheManifestAsItWas(@TempDir Path root) throws Exception {
        SweepRunner.Outcome first = new SweepRunner().run("sweep", SMALL, root, 1, SweepListener.NONE);
        byte[] manifest = Files.readAllBytes(first.layout().manifest());
        SweepRunner.Outcome again = new SweepRunner().run("sweep", SMALL, root, 2, SweepListener.NONE);
        assertEquals(0, again.computed());
        assertEquals(new String(manifest), Files.readString(again.layout().manifest()),
                "provenance is append-only: the manifest still describes the run that did the work");
    }

    @Test
    void anyExecutorGivesTheSameRows(@TempDir Path a, @TempDir Path b) throws Exception {
        // a foreign engine: one trial at a time, last first, on the calling thread
        TrialExecutor reversed = new TrialExecutor() {
            @Override
            public String name() {
                return "reversed";
            }

            @Override
            public int parallelism() {
                return 1;
            }

            @Override
            public void execute(SweepPlan plan, List<PendingTrial> pending, java.util.function.Consumer<TrialRow> sink,
                                java.util.function.BooleanSupplier stopRequested) {
                for (int i = pending.size() - 1; i >= 0 && !stopRequested.getAsBoolean(); i--) {
                    sink.accept(SweepTrial.run(plan, pending.get(i)));
                }
            }
        };
        SweepRunner.Outcome local = new SweepRunner().run("sweep", SMALL, a, 2, SweepListener.NONE);
        SweepRunner.Outcome other = new SweepRunner().run("sweep", SMALL, b, reversed, SweepListener.NONE);
        assertEquals(12, other.computed());
        assertEquals(comparable(local.rows()), comparable(other.rows()));
    }

    @Test
    void aTrialWithAForeignSeedIsRejected() {
        SweepPlan plan = new SweepPlan(SMALL);
        long seed = plan.seed(plan.cells().get(1), 2);
        assertEquals("c1-t2", SweepTrial.run(plan, new PendingTrial(1, 2, seed)).key());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepTrial.run(plan, new PendingTrial(1, 2, seed + 1)));
        assertTrue(e.getMessage().contains("different code"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SweepTrial.run(plan, new PendingTrial(4, 0, seed)));
    }

    @Test
    void aStoppedSweepResumesWithoutRecomputingFinishedTrials(@TempDir Path root) throws Exception {
        SweepRunner stopping = new SweepRunner();
        SweepRunner.Outcome partial = stopping.run("sweep", SMALL.withProcedure(Procedure.RATE), root, 1, new SweepListener() {
            @Override
            public void onTrial(TrialRow row, int done) {
                if (done == 5) {
                    stopping.stop();
                }
            }
        });
        assertFalse(partial.complete());
        assertEquals(5, partial.rows().size());
        SweepRunner.Outcome resumed = new SweepRunner().run("sweep", SMALL.withProcedure(Procedure.RATE), root, 2,
                SweepListener.NONE);
        assertTrue(resumed.complete());
        assertEquals(7, resumed.computed());
        assertEquals(12, resumed.rows().size());
        SweepRunner.Outcome again = new SweepRunner().run("sweep", SMALL.withProcedure(Procedure.RATE), root, 2,
                SweepListener.NONE);
        assertEquals(0, again.computed());
        assertTrue(resumed.rows().get(0).metrics().containsKey("rate"));
    }

    @Test
    void aFailingTrialIsRecordedWithItsSeedAndRetriedOnTheNextRun(@TempDir Path root) throws Exception {
        // Tensor initialisation needs at least K inputs in the support union: with d = r = 1 it
        // cannot run, so every trial of the second cell fails at run time.
        TeacherTrialSpec base = TeacherTrialSpec.defaults(2, 1, 50, 1, 1).withTestSamples(20)
                .withInit(new InitSpec(InitMethod.TENSOR, 0, 0));
        SweepSpec sweep = SweepSpec.of(base, 1, Axis.of("init.method", "lambda", "tensor"));
        SweepRunner.Outcome first = new SweepRunner().run("sweep", sweep, root, 1, SweepListener.NONE);
        assertFalse(first.complete());
        TrialRow failed = first.rows().get(1);
        assertEquals("failed", failed.status());
        assertTrue(failed.error().contains("seed " + failed.seed()), failed.error());
        assertTrue(first.rows().get(0).isOk());
        SweepRunner.Outcome second = new SweepRunner().run("sweep", sweep, root, 1, SweepListener.NONE);
        assertEquals(1, second.computed(), "only the failed trial is retried");
        try (ResultStore store = ResultStore.open(first.layout().dir().resolve(SweepRunner.RESULTS))) {
            assertEquals(2, store.count());
        }
    }

    @Test
    void statsOfASweep(@TempDir Path root) throws Exception {
        SweepRunner.Outcome o = new SweepRunner().run("sweep", SMALL, root, 2, SweepListener.NONE);
        Map<Integer, List<TrialRow>> cells = Stats.byCell(o.rows());
        assertEquals(4, cells.size());
        assertEquals(3, cells.get(3).size());
        // r = 5, N = 300 is well above the sample complexity: every trial succeeds.
        assertEquals(1.0, Stats.successRate(cells.get(3)));
        Stats.Fit f = Stats.line(new double[]{1, 2, 3}, new double[]{2, 4, 6.5});
        assertEquals(2.25, f.slope(), 1e-12);
        assertTrue(f.r2() > 0.99 && f.r2() < 1);
    }
}
