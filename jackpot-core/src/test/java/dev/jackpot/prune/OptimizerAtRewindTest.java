package dev.jackpot.prune;

import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link OptimizerAtRewind}: the optimiser state a level restarts from at step k. */
class OptimizerAtRewindTest {

    static final long T = 40;
    static final long K = 7;

    static ImpSpec spec(OptimizerAtRewind o) {
        return ImpSpec.of(2, 0.3, T, 5).withReset(ResetVariant.REWIND_TO_STEP, K)
                .withControls(Set.of(Control.RANDOM_PRUNE_LAYERWISE, Control.RANDOM_REINIT)).withOptimizerAtRewind(o);
    }

    @Test
    void restoreStartsEveryRewoundJobFromTheSavedStateMasked() throws IOException {
        TinyMlpTrainer trainer = new TinyMlpTrainer(3, T);
        List<LevelResult> levels = new ImpRunner(spec(OptimizerAtRewind.RESTORE), trainer, new InMemoryLevelStore(),
                LevelListener.NONE).run();
        OptimizerSnapshot saved = levels.get(0).main().rewindOptimizer();
        assertEquals(K, saved.updates());
        // the saved state is what training 0..k leaves, bit for bit
        TrainOutcome direct = new TinyMlpTrainer(3, T).train(new TrainRequest(0, "main",
                levels.get(0).main().startWeights(), levels.get(0).main().masks(), 0, T, K, TrainPhase.TRAIN,
                trainer.calls.get(0).dataSeed()));
        assertTrue(direct.capturedOptimizer().orElseThrow().buffers().sameAs(saved.buffers()));
        boolean someNonZero = false;
        for (TrainRequest r : trainer.calls.subList(1, trainer.calls.size())) {
            if (r.branch().equals(Control.RANDOM_REINIT.branch())) {
                assertTrue(r.startOptimizer().isFresh(), "re-init trains from step 0 with a fresh optimiser");
                continue;
            }
            assertEquals(K, r.fromStep());
            assertEquals(K, r.startOptimizer().updates());
            for (NamedTensor b : saved.buffers()) {
                String p = OptimizerSnapshot.parameterOf(b.name());
                float[] got = r.startOptimizer().buffers().get(b.name()).values();
                float[] mask = r.masks().contains(p) ? r.masks().get(p).values() : null;
                for (int i = 0; i < got.length; i++) {
                    if (mask != null && mask[i] == 0f) {
                        assertEquals(0, Float.floatToRawIntBits(got[i]), "masked entry " + p + "[" + i + "] is +0.0");
                    } else {
                        assertEquals(Float.floatToRawIntBits(b.values()[i]), Float.floatToRawIntBits(got[i]),
                                "kept entry " + p + "[" + i + "] restored bit for bit");
                        someNonZero |= got[i] != 0f;
                    }
                }
            }
        }
        assertTrue(someNonZero, "the restored momentum is not all zero");
    }

    @Test
    void restoringUnderAllOnesMasksContinuesLevelZeroExactly() {
        TinyMlpTrainer t = new TinyMlpTrainer(3, T);
        TensorSet w0 = t.initialWeights(11);
        TensorSet ones = Masks.ones(w0, t.prunableNames());
        TrainOutcome full = t.train(new TrainRequest(0, "main", w0, ones, 0, T, K, TrainPhase.TRAIN, 99));
        TrainOutcome resumed = t.train(new TrainRequest(1, "main", full.captured().orElseThrow(), ones, K, T, -1,
                TrainPhase.TRAIN, 99, full.capturedOptimizer().orElseThrow().masked(ones)));
        assertTrue(resumed.finalWeights().sameAs(full.finalWeights()));
        TrainOutcome fresh = t.train(new TrainRequest(1, "main", full.captured().orElseThrow(), ones, K, T, -1,
                TrainPhase.TRAIN, 99));
        assertFalse(fresh.finalWeights().sameAs(full.finalWeights()), "a fresh optimiser at k changes the run");
    }

    @Test
    void zeroGivesAFreshOptimiserAndSavesNone() throws IOException {
        TinyMlpTrainer trainer = new TinyMlpTrainer(3, T);
        List<LevelResult> levels = new ImpRunner(spec(OptimizerAtRewind.ZERO), trainer, new InMemoryLevelStore(),
                LevelListener.NONE).run();
        assertTrue(levels.get(0).main().rewindOptimizer().isFresh());
        for (TrainRequest r : trainer.calls) {
            assertTrue(r.startOptimizer().isFresh());
            assertEquals(0, r.startOptimizer().buffers().size());
        }
        assertEquals(OptimizerAtRewind.ZERO, ImpSpec.of(1, 0.2, T, 1).optimizerAtRewind());
    }

    @Test
    void restoreNeedsRewindToStep() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImpSpec.of(1, 0.2, T, 1).withOptimizerAtRewind(OptimizerAtRewind.RESTORE));
        assertTrue(e.getMessage().contains("REWIND_TO_STEP"), e.getMessage());
    }

    @Test
    void maskedSnapshotWritesPositiveZero() {
        OptimizerSnapshot s = new OptimizerSnapshot(3, TensorSet.of(new NamedTensor("adam.m/w", new int[] {3},
                new float[] {-1f, 2f, -3f}), new NamedTensor("adam.m/b", new int[] {1}, new float[] {-4f})));
        OptimizerSnapshot m = s.masked(TensorSet.of(new NamedTensor("w", new int[] {3}, new float[] {0f, 1f, 0f})));
        assertEquals(0, Float.floatToRawIntBits(m.buffers().get("adam.m/w").values()[0]));
        assertEquals(2f, m.buffers().get("adam.m/w").values()[1]);
        assertEquals(0, Float.floatToRawIntBits(m.buffers().get("adam.m/w").values()[2]));
        assertEquals(-4f, m.buffers().get("adam.m/b").values()[0]);
        assertEquals(3, m.updates());
        assertEquals(-1f, s.buffers().get("adam.m/w").values()[0], "the original is not modified");
    }
}
