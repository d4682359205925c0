package dev.jackpot.prune;

import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImpRunnerTest {

    static final long T = 40;

    static ImpSpec layerwise() {
        return ImpSpec.of(4, 0.2, T, 17).withLayerwise(0.2, Map.of("fc2.weight", 0.1))
                .withControls(Set.of(Control.RANDOM_REINIT, Control.RANDOM_PRUNE_LAYERWISE, Control.RANDOM_PRUNE_GLOBAL));
    }

    static List<LevelResult> run(ImpSpec spec, TinyMlpTrainer trainer) throws IOException {
        return new ImpRunner(spec, trainer, new InMemoryLevelStore(), LevelListener.NONE).run();
    }

    @Test
    void masksNestExactCountsAndMaskedWeightsZeroEverywhere() throws IOException {
        TinyMlpTrainer trainer = new TinyMlpTrainer(3, T);
        List<LevelResult> levels = run(layerwise(), trainer);
        assertEquals(5, levels.size());
        Map<String, Long> sizes = Map.of("fc1.weight", 96L, "fc2.weight", 36L);
        for (LevelResult level : levels) {
            BranchResult main = level.main();
            if (level.level() > 0) {
                assertTrue(Masks.isNested(main.masks(), levels.get(level.level() - 1).main().masks()));
                assertEquals(3, level.controls().size());
            }
            Map<String, Long> expect = DensitySchedule.exactCounts(sizes, Map.of("fc1.weight", 0.2, "fc2.weight", 0.1),
                    level.level());
            for (String n : sizes.keySet()) {
                assertEquals(expect.get(n), Masks.kept(main.masks().get(n)), n + " at level " + level.level());
            }
            for (LayerCount c : main.prune().layers()) {
                assertEquals(c.requestedKept(), c.kept());
            }
            List<BranchResult> all = new ArrayList<>(level.controls());
            all.add(main);
            for (BranchResult b : all) {
                Masks.validate(b.masks());
                assertEquals(0, Masks.maskedNonZero(b.startWeights(), b.masks()), b.branch());
                assertEquals(0, Masks.maskedNonZero(b.finalWeights(), b.masks()), b.branch());
            }
        }
        // the dense network learns the teacher
        assertTrue(levels.get(0).main().accuracy() > 0.8, "dense accuracy " + levels.get(0).main().accuracy());
        // 1 dense job + 4 levels x (main + 3 controls)
        assertEquals(17, trainer.calls.size());
    }

    @Test
    void rewindToInitRestoresExactWeights() throws IOException {
        List<LevelResult> levels = run(layerwise(), new TinyMlpTrainer(3, T));
        TensorSet theta0 = levels.get(0).main().startWeights();
        assertTrue(theta0.sameAs(levels.get(0).main().rewindWeights()));
        for (LevelResult level : levels.subList(1, levels.size())) {
            BranchResult main = level.main();
            assertTrue(main.startWeights().sameAs(Masks.applied(theta0, main.masks())));
            assertEquals(0, main.fromStep());
            // unmasked entries bit-identical to theta0, biases untouched
            NamedTensor b = main.startWeights().get("fc1.bias");
            assertTrue(b.sameAs(theta0.get("fc1.bias")));
            // random-layerwise control restarts from the same theta0 under its own mask
            BranchResult shuffle = level.control("random-prune-layerwise").orElseThrow();
            assertTrue(shuffle.startWeights().sameAs(Masks.applied(theta0, shuffle.masks())));
            for (String n : main.masks().names()) {
                assertEquals(Masks.kept(main.masks().get(n)), Masks.kept(shuffle.masks().get(n)));
            }
            BranchResult global = level.control("random-prune-global").orElseThrow();
            assertEquals(Masks.kept(main.masks()), Masks.kept(global.masks()));
            BranchResult reinit = level.control("random-reinit").orElseThrow();
            assertTrue(reinit.masks().sameAs(main.masks()));
            assertFalse(reinit.startWeights().sameAs(main.startWeights()));
        }
    }

    @Test
    void lateRewindingRestartsFromStepK() throws IOException {
        TinyMlpTrainer trainer = new TinyMlpTrainer(3, T);
        ImpSpec spec = ImpSpec.of(2, 0.3, T, 5).withReset(ResetVariant.REWIND_TO_STEP, 7);
        List<LevelResult> levels = run(spec, trainer);
        TensorSet thetaK = levels.get(0).main().rewindWeights();
        // theta_k is what training 0..k from theta_0 gives
        TensorSet theta0 = levels.get(0).main().startWeights();
        TrainOutcome direct = new TinyMlpTrainer(3, T).train(new TrainRequest(0, "main", theta0,
                levels.get(0).main().masks(), 0, 7, -1, TrainPhase.TRAIN, trainer.calls.get(0).dataSeed()));
        assertTrue(direct.finalWeights().sameAs(thetaK));
        for (LevelResult level : levels.subList(1, 3)) {
            assertTrue(level.main().startWeights().sameAs(Masks.applied(thetaK, level.main().masks())));
            assertEquals(7, level.main().fromStep());
            assertEquals(T, level.main().toStep());
        }
        assertEquals(7, trainer.calls.get(0).captureStep());
        assertEquals(trainer.calls.get(0).dataSeed(), trainer.calls.get(2).dataSeed());
    }

    @Test
    void lrRewindingAndFineTuningStartFromFinalWeights() throws IOException {
        TinyMlpTrainer trainer = new TinyMlpTrainer(3, T);
        List<LevelResult> lr = run(ImpSpec.of(2, 0.3, T, 5).withReset(ResetVariant.LR_REWIND, 10), trainer);
        for (int l = 1; l <= 2; l++) {
            BranchResult m = lr.get(l).main();
            assertTrue(m.startWeights().sameAs(Masks.applied(lr.get(l - 1).main().finalWeights(), m.masks())));
            assertEquals(10, m.fromStep());
        }
        TinyMlpTrainer ft = new TinyMlpTrainer(3, T);
        List<LevelResult> fine = run(ImpSpec.of(2, 0.3, T, 5).withFineTune(12), ft);
        BranchResult m = fine.get(2).main();
        assertTrue(m.startWeights().sameAs(Masks.applied(fine.get(1).main().finalWeights(), m.masks())));
        assertEquals(12, m.toStep());
        assertEquals(TrainPhase.FINE_TUNE, ft.calls.get(2).phase());
        assertEquals(TrainPhase.TRAIN, ft.calls.get(0).phase());
    }

    @Test
    void resumeGivesTheSameResultAsAnUninterruptedRun() throws IOException {
        List<LevelResult> straight = run(layerwise(), new TinyMlpTrainer(3, T));
        // interrupted after level 2 (a spec with fewer levels), then resumed
        InMemoryLevelStore store = new InMemoryLevelStore();
        new ImpRunner(layerwise().withLevels(2), new TinyMlpTrainer(3, T), store, LevelListener.NONE).run();
        TinyMlpTrainer second = new TinyMlpTrainer(3, T);
        List<Integer> told = new ArrayList<>();
        List<LevelResult> resumed = new ImpRunner(layerwise(), second, store, r -> told.add(r.level())).run();
        assertEquals(List.of(3, 4), told);
        assertEquals(8, second.calls.size()); // levels 3 and 4 only, main + 3 controls each
        assertSame(straight, resumed);
        // a crash while saving level 3 loses only level 3
        FailingStore failing = new FailingStore(3);
        assertThrows(IOException.class,
                () -> new ImpRunner(layerwise(), new TinyMlpTrainer(3, T), failing, LevelListener.NONE).run());
        assertEquals(3, failing.finishedLevels());
        TinyMlpTrainer third = new TinyMlpTrainer(3, T);
        assertSame(straight, new ImpRunner(layerwise(), third, failing, LevelListener.NONE).run());
        assertEquals(8, third.calls.size());
        // running a finished store again trains nothing
        TinyMlpTrainer idle = new TinyMlpTrainer(3, T);
        assertSame(straight, new ImpRunner(layerwise(), idle, failing, LevelListener.NONE).run());
        assertEquals(0, idle.calls.size());
    }

    static void assertSame(List<LevelResult> a, List<LevelResult> b) {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            List<BranchResult> x = new ArrayList<>(a.get(i).controls());
            x.add(a.get(i).main());
            List<BranchResult> y = new ArrayList<>(b.get(i).controls());
            y.add(b.get(i).main());
            assertEquals(x.size(), y.size());
            for (int j = 0; j < x.size(); j++) {
                assertTrue(x.get(j).masks().sameAs(y.get(j).masks()), "masks level " + i);
                assertTrue(x.get(j).startWeights().sameAs(y.get(j).startWeights()), "start level " + i);
                assertTrue(x.get(j).finalWeights().sameAs(y.get(j).finalWeights()), "final level " + i);
                assertTrue(x.get(j).rewindWeights().sameAs(y.get(j).rewindWeights()), "rewind level " + i);
                assertEquals(x.get(j).accuracy(), y.get(j).accuracy());
            }
        }
    }

    @Test
    void sameSpecGivesBitIdenticalRunsAndSeedsMatter() throws IOException {
        ImpSpec spec = ImpSpec.of(2, 0.2, T, 1);
        assertSame(run(spec, new TinyMlpTrainer(3, T)), run(spec, new TinyMlpTrainer(3, T)));
        List<LevelResult> other = run(ImpSpec.of(2, 0.2, T, 2), new TinyMlpTrainer(3, T));
        assertFalse(other.get(0).main().startWeights().sameAs(run(spec, new TinyMlpTrainer(3, T)).get(0).main().startWeights()));
    }

    @Test
    void aTrainerThatLeaksMaskedWeightsIsCaught() {
        TinyMlpTrainer honest = new TinyMlpTrainer(3, T);
        TicketTrainer leaky = new TicketTrainer() {
            @Override
            public List<String> prunableNames() {
                return honest.prunableNames();
            }

            @Override
            public TensorSet initialWeights(long seed) {
                return honest.initialWeights(seed);
            }

            @Override
            public TrainOutcome train(TrainRequest request) {
                TrainOutcome out = honest.train(request);
                out.finalWeights().get("fc1.weight").values()[0] = 0.5f; // as if updated after masking
                return out;
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ImpRunner(ImpSpec.of(2, 0.5, T, 1).withExcluded(Set.of("fc2.weight")), leaky,
                        new InMemoryLevelStore(), LevelListener.NONE).run());
        assertTrue(e.getMessage().contains("fc1.weight[0]") || e.getMessage().contains("level 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ImpRunner(ImpSpec.of(1, 0.5, T, 1)
                .withExcluded(Set.of("fc9.weight")), honest, new InMemoryLevelStore(), LevelListener.NONE).run());
    }

    /** Saves normally but throws once when asked to save the given level. */
    static final class FailingStore implements LevelStore {
        private final InMemoryLevelStore inner = new InMemoryLevelStore();
        private int failAt;

        FailingStore(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public int finishedLevels() {
            return inner.finishedLevels();
        }

        @Override
        public LevelResult load(int level) {
            return inner.load(level);
        }

        @Override
        public void save(LevelResult result) throws IOException {
            if (result.level() == failAt) {
                failAt = -1;
                throw new IOException("disk full");
            }
            inner.save(result);
        }
    }
}
