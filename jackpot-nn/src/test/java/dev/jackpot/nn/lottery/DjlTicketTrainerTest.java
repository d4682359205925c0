package dev.jackpot.nn.lottery;

import dev.jackpot.nn.Compute;
import dev.jackpot.nn.Synthetic;
import dev.jackpot.nn.data.Augmentation;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.model.InitScheme;
import dev.jackpot.nn.model.Mlp;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.train.TrainListener;
import dev.jackpot.nn.train.TrainSpec;
import dev.jackpot.prune.BranchResult;
import dev.jackpot.prune.Control;
import dev.jackpot.prune.DensitySchedule;
import dev.jackpot.prune.ImpRunner;
import dev.jackpot.prune.ImpSpec;
import dev.jackpot.prune.InMemoryLevelStore;
import dev.jackpot.prune.LayerCount;
import dev.jackpot.prune.LevelListener;
import dev.jackpot.prune.LevelResult;
import dev.jackpot.prune.Masks;
import dev.jackpot.prune.OptimizerAtRewind;
import dev.jackpot.prune.OptimizerSnapshot;
import dev.jackpot.prune.ResetVariant;
import dev.jackpot.prune.TrainOutcome;
import dev.jackpot.prune.TrainPhase;
import dev.jackpot.prune.TrainRequest;
import dev.jackpot.tensor.TensorSet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The core IMP driver on the DJL trainer: invariants, rewinding and resume on tiny synthetic data. */
class DjlTicketTrainerTest {

    private static final ImageDataset TRAIN = Synthetic.images("train", 96, 1, 6, 6, 4, 1, 2);
    private static final ImageDataset TEST = Synthetic.images("test", 40, 1, 6, 6, 4, 1, 3);
    private static final Network MLP = new Mlp("mlp", new int[] {1, 6, 6}, new int[] {12}, 4);

    private static DjlTicketTrainer trainer(TrainSpec spec) {
        return new DjlTicketTrainer(Compute.cpu(1), MLP, DataSplit.of(TRAIN, TEST), Normalisation.fit(TRAIN),
                spec.withCheckInvariants(true), spec.withCheckInvariants(true), InitScheme.KAIMING_NORMAL,
                TrainListener.NONE);
    }

    private static ImpSpec spec(DjlTicketTrainer t, int levels) {
        return ImpSpec.of(levels, 0.2, t.trainingSteps(), 11).withLayerwise(0.2, Map.of("fc2.weight", 0.1))
                .withControls(Set.of(Control.RANDOM_REINIT, Control.RANDOM_PRUNE_LAYERWISE));
    }

    @Test
    void impOnDjlKeepsEveryInvariant() throws IOException {
        DjlTicketTrainer t = trainer(TrainSpec.adam(1e-2, 16, 2, 0));
        List<LevelResult> levels = new ImpRunner(spec(t, 2), t, new InMemoryLevelStore(), LevelListener.NONE).run();
        assertEquals(3, levels.size());
        Map<String, Long> sizes = Map.of("fc1.weight", 12L * 36, "fc2.weight", 4L * 12);
        TensorSet init = levels.get(0).main().startWeights();
        for (LevelResult level : levels) {
            BranchResult main = level.main();
            Map<String, Long> expect = DensitySchedule.exactCounts(sizes,
                    Map.of("fc1.weight", 0.2, "fc2.weight", 0.1), level.level());
            for (String n : sizes.keySet()) {
                assertEquals(expect.get(n), Masks.kept(main.masks().get(n)), n + " at level " + level.level());
            }
            for (LayerCount c : main.prune().layers()) {
                assertEquals(c.requestedKept(), c.kept());
            }
            if (level.level() > 0) {
                assertTrue(Masks.isNested(main.masks(), levels.get(level.level() - 1).main().masks()));
                // Rewinding to init restores M * theta_0 bit for bit.
                assertTrue(main.startWeights().sameAs(Masks.applied(init, main.masks())));
                assertEquals(2, level.controls().size());
                BranchResult reinit = level.control(Control.RANDOM_REINIT.branch()).orElseThrow();
                assertTrue(reinit.masks().sameAs(main.masks()));
                assertFalse(reinit.startWeights().sameAs(main.startWeights()));
                BranchResult shuffled = level.control(Control.RANDOM_PRUNE_LAYERWISE.branch()).orElseThrow();
                for (String n : sizes.keySet()) {
                    assertEquals(Masks.kept(main.masks().get(n)), Masks.kept(shuffled.masks().get(n)), n);
                }
            }
            List<BranchResult> all = new ArrayList<>(level.controls());
            all.add(main);
            for (BranchResult b : all) {
                assertEquals(0, Masks.maskedNonZero(b.finalWeights(), b.masks()), b.branch());
                assertTrue(b.accuracy() >= 0 && b.accuracy() <= 1, b.branch() + " accuracy " + b.accuracy());
                assertTrue(b.metrics().containsKey("testAccuracy@" + b.toStep()), b.metrics().toString());
            }
        }
        assertTrue(levels.get(0).main().accuracy() > 0.5, "dense accuracy " + levels.get(0).main().accuracy());
    }

    @Test
    void resumedRunEqualsUninterruptedRun() throws IOException {
        for (Augmentation a : Augmentation.values()) {
            resumedRunEqualsUninterruptedRun(a);
        }
    }

    private void resumedRunEqualsUninterruptedRun(Augmentation augment) throws IOException {
        DjlTicketTrainer t = trainer(TrainSpec.adam(1e-2, 16, 1, 0).withAugment(augment));
        List<LevelResult> straight = new ImpRunner(spec(t, 2), t, new InMemoryLevelStore(), LevelListener.NONE).run();
        InMemoryLevelStore store = new InMemoryLevelStore();
        new ImpRunner(spec(t, 1), t, store, LevelListener.NONE).run();
        List<LevelResult> resumed = new ImpRunner(spec(t, 2), t, store, LevelListener.NONE).run();
        for (int l = 0; l < 3; l++) {
            assertTrue(straight.get(l).main().finalWeights().sameAs(resumed.get(l).main().finalWeights()),
                    augment + " level " + l);
            for (int c = 0; c < straight.get(l).controls().size(); c++) {
                assertTrue(straight.get(l).controls().get(c).finalWeights()
                        .sameAs(resumed.get(l).controls().get(c).finalWeights()), "level " + l + " control " + c);
            }
        }
    }

    @Test
    void jobFromStepKSeesLevelZeroBatchesAndCapturesBeforeTheStep() {
        TrainOutcome plain = jobFromStepKSeesLevelZeroBatches(Augmentation.NONE);
        TrainOutcome augmented = jobFromStepKSeesLevelZeroBatches(Augmentation.FLIP_CROP);
        assertFalse(plain.finalWeights().sameAs(augmented.finalWeights()), "FLIP_CROP must change the batches");
    }

    private TrainOutcome jobFromStepKSeesLevelZeroBatches(Augmentation augment) {
        // Plain SGD has no optimiser state, so k..T from the capture at k must equal 0..T bit for bit
        // (with augmentation too: step s's draws depend only on the data seed and s).
        DjlTicketTrainer t = trainer(TrainSpec.sgd(0.05, 16, 2, 0).withAugment(augment));
        long total = t.trainingSteps();
        long k = 5;
        TensorSet w0 = t.initialWeights(4);
        TensorSet ones = Masks.ones(w0, t.prunableNames());
        TrainOutcome full = t.train(new TrainRequest(0, "main", w0, ones, 0, total, k, TrainPhase.TRAIN, 99));
        TrainOutcome tail = t.train(new TrainRequest(0, "main", full.captured().orElseThrow(), ones, k, total, k,
                TrainPhase.TRAIN, 99));
        assertTrue(full.finalWeights().sameAs(tail.finalWeights()));
        assertTrue(tail.captured().orElseThrow().sameAs(full.captured().orElseThrow()));
        TrainOutcome none = t.train(new TrainRequest(0, "main", w0, ones, 0, total, 0, TrainPhase.TRAIN, 99));
        assertTrue(none.captured().orElseThrow().sameAs(w0));
        // Another data seed gives other batches.
        TrainOutcome other = t.train(new TrainRequest(0, "main", w0, ones, 0, total, -1, TrainPhase.TRAIN, 98));
        assertFalse(other.finalWeights().sameAs(full.finalWeights()));
        return full;
    }

    @Test
    void lateRewindingStartsFromMaskedThetaK() throws IOException {
        DjlTicketTrainer t = trainer(TrainSpec.adam(1e-2, 16, 1, 0));
        ImpSpec s = spec(t, 1).withReset(ResetVariant.REWIND_TO_STEP, 3);
        List<LevelResult> levels = new ImpRunner(s, t, new InMemoryLevelStore(), LevelListener.NONE).run();
        BranchResult zero = levels.get(0).main();
        BranchResult one = levels.get(1).main();
        assertEquals(3, one.fromStep());
        assertTrue(one.startWeights().sameAs(Masks.applied(zero.rewindWeights(), one.masks())));
        assertFalse(zero.rewindWeights().sameAs(zero.startWeights()));
    }

    @Test
    void restoredAdamStateAtKContinuesLevelZeroAndMasksPrunedEntries() throws IOException {
        DjlTicketTrainer t = trainer(TrainSpec.adam(1e-2, 16, 2, 0));
        long total = t.trainingSteps();
        long k = 5;
        TensorSet w0 = t.initialWeights(4);
        TensorSet ones = Masks.ones(w0, t.prunableNames());
        TrainOutcome full = t.train(new TrainRequest(0, "main", w0, ones, 0, total, k, TrainPhase.TRAIN, 99));
        OptimizerSnapshot atK = full.capturedOptimizer().orElseThrow();
        assertEquals(k, atK.updates());
        assertTrue(atK.buffers().names().contains("adam.m/fc1.weight") && atK.buffers().names().contains("adam.v/fc1.weight"));
        // Adam's moments and step count at k restored: k..T equals 0..T bit for bit; a fresh optimiser does not.
        TrainOutcome restored = t.train(new TrainRequest(0, "main", full.captured().orElseThrow(), ones, k, total, -1,
                TrainPhase.TRAIN, 99, atK));
        assertTrue(full.finalWeights().sameAs(restored.finalWeights()));
        TrainOutcome fresh = t.train(new TrainRequest(0, "main", full.captured().orElseThrow(), ones, k, total, -1,
                TrainPhase.TRAIN, 99));
        assertFalse(full.finalWeights().sameAs(fresh.finalWeights()));

        // Through the driver: level 0 saves the state at k; level 1 starts from it, masked.
        ImpSpec s = spec(t, 1).withReset(ResetVariant.REWIND_TO_STEP, k).withOptimizerAtRewind(OptimizerAtRewind.RESTORE);
        List<LevelResult> levels = new ImpRunner(s, t, new InMemoryLevelStore(), LevelListener.NONE).run();
        OptimizerSnapshot saved = levels.get(0).main().rewindOptimizer();
        assertEquals(k, saved.updates());
        TensorSet masks = levels.get(1).main().masks();
        long dataSeed = dev.jackpot.rng.Seeds.derive(s.seed(), "data-order");
        TrainOutcome again = t.train(new TrainRequest(1, "main", levels.get(1).main().startWeights(), masks, k, total, -1,
                TrainPhase.TRAIN, dataSeed, saved.masked(masks)));
        assertTrue(again.finalWeights().sameAs(levels.get(1).main().finalWeights()), "level 1 started from the restored state");
        TrainOutcome zero = t.train(new TrainRequest(1, "main", levels.get(1).main().startWeights(), masks, k, total, -1,
                TrainPhase.TRAIN, dataSeed));
        assertFalse(zero.finalWeights().sameAs(levels.get(1).main().finalWeights()));
        assertEquals(k, levels.get(1).main().fromStep());
    }
}
