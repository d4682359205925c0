package dev.jackpot.experiment;

import dev.jackpot.prune.BranchResult;
import dev.jackpot.prune.Control;
import dev.jackpot.prune.ImpRunner;
import dev.jackpot.prune.ImpSpec;
import dev.jackpot.prune.InMemoryLevelStore;
import dev.jackpot.prune.LevelListener;
import dev.jackpot.prune.LevelResult;
import dev.jackpot.prune.Masks;
import dev.jackpot.prune.OptimizerAtRewind;
import dev.jackpot.prune.OptimizerSnapshot;
import dev.jackpot.prune.ResetVariant;
import dev.jackpot.prune.TicketTrainer;
import dev.jackpot.prune.TrainOutcome;
import dev.jackpot.prune.TrainRequest;
import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;
import dev.jackpot.ticket.Ticket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileLevelStoreTest {

    @TempDir
    Path dir;

    /**
     * A deterministic stand-in for a real trainer: each step moves every kept weight by a draw from
     * the stream (dataSeed, "step", s) and then shrinks it, so results depend on the start, the mask
     * and the steps; metrics include a NaN to exercise its storage.
     */
    static final class DriftTrainer implements TicketTrainer {
        int calls;

        @Override
        public List<String> prunableNames() {
            return List.of("a.weight", "b.weight");
        }

        @Override
        public TensorSet initialWeights(long seed) {
            Rng rng = Rng.of(seed);
            NamedTensor a = NamedTensor.zeros("a.weight", 5, 4);
            NamedTensor bias = NamedTensor.zeros("a.bias", 5);
            NamedTensor b = NamedTensor.zeros("b.weight", 3, 5);
            for (NamedTensor t : List.of(a, bias, b)) {
                for (int i = 0; i < t.size(); i++) {
                    t.values()[i] = (float) rng.nextGaussian();
                }
            }
            return TensorSet.of(a, bias, b);
        }

        @Override
        public TrainOutcome train(TrainRequest r) {
            calls++;
            TensorSet w = r.start().copy();
            Optional<TensorSet> captured = Optional.empty();
            for (long s = r.fromStep(); s < r.toStep(); s++) {
                if (s == r.captureStep()) {
                    captured = Optional.of(w.copy());
                }
                Rng rng = Seeds.stream(r.dataSeed(), "step", s);
                for (NamedTensor t : w) {
                    for (int i = 0; i < t.size(); i++) {
                        t.values()[i] = 0.9f * t.values()[i] + (float) (0.1 * rng.nextGaussian());
                    }
                }
                Masks.apply(w, r.masks());
            }
            // A stand-in optimiser state at the capture: the captured weights times -1 (signed zeros included).
            Optional<OptimizerSnapshot> state = captured.map(c -> {
                List<NamedTensor> bufs = new ArrayList<>();
                for (NamedTensor t : c) {
                    float[] v = t.values().clone();
                    for (int i = 0; i < v.length; i++) {
                        v[i] = -v[i];
                    }
                    bufs.add(new NamedTensor("momentum/" + t.name(), t.shape().clone(), v));
                }
                return new OptimizerSnapshot(r.captureStep(), TensorSet.of(bufs));
            });
            return new TrainOutcome(w, captured, 0.5 + 0.01 * r.level(), -0.0,
                    Map.of("diverged", Double.NaN, "steps", (double) (r.toStep() - r.fromStep())), state);
        }
    }

    static ImpSpec spec(int levels) {
        return ImpSpec.of(levels, 0.3, 12, 4).withReset(ResetVariant.REWIND_TO_STEP, 3)
                .withControls(Set.of(Control.RANDOM_REINIT, Control.RANDOM_PRUNE_LAYERWISE));
    }

    @Test
    void savedLevelsLoadBackBitIdentically() throws IOException {
        LevelLayout layout = new LevelLayout(dir.resolve("rep-0"));
        List<LevelResult> run = new ImpRunner(spec(3), new DriftTrainer(), new FileLevelStore(layout, "{\"x\":1}"),
                LevelListener.NONE).run();
        FileLevelStore reopened = new FileLevelStore(layout, "{\"x\":1}");
        assertEquals(4, reopened.finishedLevels());
        for (LevelResult level : run) {
            assertSameLevel(level, reopened.load(level.level()));
        }
        assertTrue(Files.isRegularFile(layout.ticket(2, "random-prune-layerwise")));
        Ticket t = reopened.ticket(2, BranchResult.MAIN);
        assertTrue(t.initialWeights().sameAs(run.get(0).main().startWeights()));
        assertTrue(t.rewindWeights().sameAs(run.get(2).main().startWeights()));
        assertEquals(0, t.maskedNonZeroFinal());
        assertEquals("{\"x\":1}", t.specJson());
        assertEquals("2", t.metadata().get("level"));
    }

    @Test
    void theRestoredOptimiserStateIsSavedAndLoadedBitIdentically() throws IOException {
        LevelLayout layout = new LevelLayout(dir.resolve("rep-0"));
        List<LevelResult> run = new ImpRunner(spec(2).withOptimizerAtRewind(OptimizerAtRewind.RESTORE),
                new DriftTrainer(), new FileLevelStore(layout, "{}"), LevelListener.NONE).run();
        assertTrue(Files.isRegularFile(layout.rewindOptimizer(0, BranchResult.MAIN)));
        assertFalse(Files.exists(layout.rewindOptimizer(1, BranchResult.MAIN)));
        LevelResult zero = new FileLevelStore(layout, "{}").load(0);
        assertEquals(3, zero.main().rewindOptimizer().updates());
        assertTrue(zero.main().rewindOptimizer().buffers().sameAs(run.get(0).main().rewindOptimizer().buffers()));
        for (LevelResult level : run) {
            assertSameLevel(level, new FileLevelStore(layout, "{}").load(level.level()));
        }
        // Without RESTORE nothing is saved.
        LevelLayout plain = new LevelLayout(dir.resolve("rep-1"));
        new ImpRunner(spec(1), new DriftTrainer(), new FileLevelStore(plain, "{}"), LevelListener.NONE).run();
        assertFalse(Files.exists(plain.rewindOptimizer(0, BranchResult.MAIN)));
    }

    @Test
    void aPartialLevelIsRedoneAndNothingElse() throws IOException {
        List<LevelResult> straight = new ImpRunner(spec(3), new DriftTrainer(), new InMemoryLevelStore(),
                LevelListener.NONE).run();
        LevelLayout layout = new LevelLayout(dir.resolve("rep-0"));
        new ImpRunner(spec(1), new DriftTrainer(), new FileLevelStore(layout, "{}"), LevelListener.NONE).run();
        // a run killed while writing level 2: some files, stray temporaries, no DONE marker
        Files.createDirectories(layout.branch(2, BranchResult.MAIN));
        Files.copy(layout.ticket(1, BranchResult.MAIN), layout.ticket(2, BranchResult.MAIN));
        Files.writeString(layout.branch(2, BranchResult.MAIN).resolve(".branch.json123.tmp"), "{\"trunc");
        FileLevelStore store = new FileLevelStore(layout, "{}");
        assertEquals(2, store.finishedLevels());
        DriftTrainer trainer = new DriftTrainer();
        List<Integer> told = new ArrayList<>();
        List<LevelResult> resumed = new ImpRunner(spec(3), trainer, store, r -> told.add(r.level())).run();
        assertEquals(List.of(2, 3), told);
        assertEquals(6, trainer.calls); // levels 2 and 3, three branches each
        for (int l = 0; l < 4; l++) {
            assertSameLevel(straight.get(l), resumed.get(l));
            assertSameLevel(straight.get(l), new FileLevelStore(layout, "{}").load(l));
        }
        assertFalse(Files.exists(layout.branch(2, BranchResult.MAIN).resolve(".branch.json123.tmp")));
    }

    @Test
    void corruptFinishedLevelIsReported() throws IOException {
        LevelLayout layout = new LevelLayout(dir.resolve("rep-0"));
        new ImpRunner(spec(1), new DriftTrainer(), new FileLevelStore(layout, "{}"), LevelListener.NONE).run();
        Path ticket = layout.ticket(1, BranchResult.MAIN);
        byte[] b = Files.readAllBytes(ticket);
        Files.write(ticket, java.util.Arrays.copyOf(b, b.length - 3));
        IOException e = assertThrows(IOException.class, () -> new FileLevelStore(layout, "{}").load(1));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new FileLevelStore(layout, "{}").save(new FileLevelStore(layout, "{}").load(0)));
    }

    static void assertSameLevel(LevelResult a, LevelResult b) {
        assertEquals(a.level(), b.level());
        List<BranchResult> x = new ArrayList<>(a.controls());
        x.add(0, a.main());
        List<BranchResult> y = new ArrayList<>(b.controls());
        y.add(0, b.main());
        assertEquals(x.size(), y.size());
        for (int i = 0; i < x.size(); i++) {
            BranchResult p = x.get(i);
            BranchResult q = y.get(i);
            String what = "level " + a.level() + " " + p.branch();
            assertEquals(p.branch(), q.branch(), what);
            assertTrue(p.masks().sameAs(q.masks()), what);
            assertTrue(p.startWeights().sameAs(q.startWeights()), what);
            assertTrue(p.rewindWeights().sameAs(q.rewindWeights()), what);
            assertTrue(p.finalWeights().sameAs(q.finalWeights()), what);
            assertEquals(p.rewindOptimizer().updates(), q.rewindOptimizer().updates(), what);
            assertTrue(p.rewindOptimizer().buffers().sameAs(q.rewindOptimizer().buffers()), what);
            assertEquals(p.fromStep(), q.fromStep());
            assertEquals(p.toStep(), q.toStep());
            assertEquals(p.accuracy(), q.accuracy());
            assertEquals(Double.doubleToRawLongBits(p.loss()), Double.doubleToRawLongBits(q.loss()), what);
            assertEquals(p.metrics(), q.metrics());
            assertEquals(p.prune().layers(), q.prune().layers());
            assertEquals(p.prune().kept(), q.prune().kept());
            assertEquals(p.prune().requestedKept(), q.prune().requestedKept());
            assertEquals(0, Masks.maskedNonZero(q.finalWeights(), q.masks()));
        }
    }
}
