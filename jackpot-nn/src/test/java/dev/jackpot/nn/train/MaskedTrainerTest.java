package dev.jackpot.nn.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.jackpot.nn.Compute;
import dev.jackpot.nn.Synthetic;
import dev.jackpot.nn.bench.NnBench;
import dev.jackpot.nn.data.Augmentation;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.EpochOrder;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.ImageTransform;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.model.InitScheme;
import dev.jackpot.nn.model.Initialiser;
import dev.jackpot.nn.model.LeNet5;
import dev.jackpot.nn.model.Mlp;
import dev.jackpot.nn.model.Network;
import dev.jackpot.rng.Seeds;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The masking invariant, determinism, rewinding and gradients of {@link MaskedTrainer}, on tiny synthetic data. */
class MaskedTrainerTest {

    private static final Compute CPU = Compute.cpu(1);
    private static final ImageDataset TRAIN = Synthetic.images("train", 120, 1, 6, 6, 4, 1, 2);
    private static final ImageDataset TEST = Synthetic.images("test", 40, 1, 6, 6, 4, 1, 3);
    private static final DataSplit DATA = DataSplit.of(TRAIN, TEST);
    private static final Normalisation NORM = Normalisation.fit(TRAIN);
    private static final Network MLP = new Mlp("mlp", new int[] {1, 6, 6}, new int[] {16}, 4);

    private static TensorSet init(Network net) {
        return Initialiser.initialise(net, Seeds.derive(3, "init"), InitScheme.KAIMING_NORMAL);
    }

    private static TensorSet mask(Network net) {
        return NnBench.randomMask(net, 0.3, Seeds.stream(3, "mask"));
    }

    @Test
    void maskedWeightsAndOptimizerStateStayExactlyZero() {
        List<TrainSpec> specs = List.of(
                TrainSpec.sgd(0.1, 16, 2, 5).withMomentum(0.9, false).withWeightDecay(5e-3),
                TrainSpec.sgd(0.1, 16, 2, 5).withMomentum(0.9, true).withWeightDecay(5e-3),
                TrainSpec.adam(1e-2, 16, 2, 5).withWeightDecay(5e-3));
        for (int e = 0; e < 2; e++) for (TrainSpec spec : specs) {
            TrainSpec checked = spec.withCheckInvariants(true);
            // both engines: libtorch multiplying by the mask, and the sparse engine holding only kept weights
            MaskedTrainer t = new MaskedTrainer(CPU.withSparseBelow(e), MLP, DATA, NORM, checked);
            TensorSet w0 = init(MLP);
            TensorSet m = mask(MLP);
            TrainResult r = t.train(Checkpoint.initial(w0), m, t.totalSteps(), OptionalLong.of(3), TrainListener.NONE);
            assertFalse(r.diverged());
            for (Checkpoint c : List.of(r.finalState(), r.captured().orElseThrow())) {
                for (NamedTensor mk : m) {
                    float[] w = c.weights().get(mk.name()).values();
                    float[] before = w0.get(mk.name()).values();
                    int movedNegative = 0;
                    for (int i = 0; i < w.length; i++) {
                        if (mk.values()[i] == 0f) {
                            assertEquals(0, Float.floatToRawIntBits(w[i]), spec.optimizer() + " moved masked " + mk.name() + "[" + i + "]");
                        } else if (before[i] < 0 && w[i] != before[i]) {
                            movedNegative++;
                        }
                    }
                    // A negative unmasked weight trains (the rahulvigneswaran sign-freezing bug).
                    assertTrue(movedNegative > 0, mk.name());
                    for (NamedTensor b : c.optimizer().buffers()) {
                        if (b.name().endsWith("/" + mk.name())) {
                            for (int i = 0; i < b.size(); i++) {
                                if (mk.values()[i] == 0f) {
                                    assertEquals(0, Float.floatToRawIntBits(b.values()[i]), b.name());
                                }
                            }
                        }
                    }
                }
                assertEquals(spec.optimizer() == OptimizerKind.ADAM ? 8 : 4, c.optimizer().buffers().size());
            }
            // The output does not depend on what is written at masked entries (design note, invariant 4).
            TensorSet junk = r.weights().copy();
            for (NamedTensor mk : m) {
                float[] v = junk.get(mk.name()).values();
                for (int i = 0; i < v.length; i++) {
                    if (mk.values()[i] == 0f) {
                        v[i] = 123f;
                    }
                }
            }
            assertEquals(t.evaluate(r.weights(), m, TEST), t.evaluate(junk, m, TEST));
        }
    }

    @Test
    void resNetTrainsUnderMasksWithBatchNormBuffersUpdated() {
        ImageDataset rgb = Synthetic.images("rgb", 64, 3, 8, 8, 4, 2, 3);
        Network net = new dev.jackpot.nn.model.CifarResNet(8, new int[] {3, 8, 8}, 4);
        TrainSpec spec = TrainSpec.sgd(0.05, 16, 2, 1).withMomentum(0.9, false).withWeightDecay(1e-4).withCheckInvariants(true);
        MaskedTrainer t = new MaskedTrainer(CPU, net, DataSplit.of(rgb, rgb), Normalisation.fit(rgb), spec);
        TensorSet w0 = init(net);
        TensorSet m = NnBench.randomMask(net, 0.5, Seeds.stream(2, "mask"));
        TrainResult r = t.train(w0, m, TrainListener.NONE);
        assertFalse(r.diverged());
        assertFalse(w0.get("bn.running_mean").sameAs(r.weights().get("bn.running_mean")), "running mean follows the batches");
        assertFalse(w0.get("stage2.block0.bn1.weight").sameAs(r.weights().get("stage2.block0.bn1.weight")), "batch-norm scales train");
        assertTrue(Double.isFinite(r.epochs().get(1).testLoss()));
        // Buffers are never trained and have no optimiser state.
        assertFalse(r.finalState().optimizer().buffers().contains("momentum/bn.running_mean"));
        assertTrue(r.finalState().optimizer().buffers().contains("momentum/bn.weight"));
    }

    @Test
    void theInvariantCheckCountsMaskedNonZeros() {
        try (NDManager mgr = CPU.newManager()) {
            NDArray a = mgr.create(new float[] {0f, -0.0f, 2f, Float.NaN, 1f});
            NDArray off = mgr.create(new boolean[] {true, true, true, true, false});
            assertEquals(2, MaskChecks.nonZerosWhere(a, off));
        }
    }

    @Test
    void sameSpecGivesBitIdenticalWeightsAndResumingEqualsAnUninterruptedRun() {
        TrainSpec spec = TrainSpec.sgd(0.05, 16, 3, 9).withMomentum(0.9, true).withWeightDecay(1e-3)
                .withStepSchedule(List.of(10L, 18L), 0.5).withWarmup(4);
        MaskedTrainer t = new MaskedTrainer(CPU, MLP, DATA, NORM, spec);
        TensorSet w0 = init(MLP);
        TensorSet m = mask(MLP);
        long k = 7;
        TrainResult a = t.train(Checkpoint.initial(w0), m, t.totalSteps(), OptionalLong.of(k), TrainListener.NONE);
        TrainResult b = t.train(Checkpoint.initial(w0), m, t.totalSteps(), OptionalLong.of(k), TrainListener.NONE);
        assertTrue(a.weights().sameAs(b.weights()));
        assertEquals(a.epochs().stream().map(EpochMetrics::testLoss).toList(), b.epochs().stream().map(EpochMetrics::testLoss).toList());
        Checkpoint atK = a.captured().orElseThrow();
        assertEquals(k, atK.step());
        TrainResult resumed = t.train(atK, m, t.totalSteps(), OptionalLong.empty(), TrainListener.NONE);
        assertTrue(a.weights().sameAs(resumed.weights()), "k..T from the captured state must equal 0..T");
        assertTrue(a.finalState().optimizer().buffers().sameAs(resumed.finalState().optimizer().buffers()));
        // OpenLTH's rewinding restarts the optimiser: a different, still masked, trajectory.
        TrainResult fresh = t.train(atK.withFreshOptimizer(), m, t.totalSteps(), OptionalLong.empty(), TrainListener.NONE);
        assertFalse(a.weights().sameAs(fresh.weights()));
        TrainSpec otherSeed = TrainSpec.sgd(0.05, 16, 3, 10).withMomentum(0.9, true).withWeightDecay(1e-3)
                .withStepSchedule(List.of(10L, 18L), 0.5).withWarmup(4);
        TrainResult c = new MaskedTrainer(CPU, MLP, DATA, NORM, otherSeed).train(w0, m, TrainListener.NONE);
        assertFalse(a.weights().sameAs(c.weights()), "the data order follows the seed");
        assertEquals(3, a.epochs().size());
        assertEquals(List.of(8L, 16L, 24L), a.epochs().stream().map(EpochMetrics::step).toList());
        assertTrue(a.earlyStopStep() > 0);
    }

    @Test
    void augmentedRunsAreBitIdenticalAndResumeExactly() {
        TrainSpec spec = TrainSpec.sgd(0.05, 16, 3, 9).withMomentum(0.9, true).withWeightDecay(1e-3)
                .withStepSchedule(List.of(10L, 18L), 0.5).withAugment(Augmentation.FLIP_CROP);
        MaskedTrainer t = new MaskedTrainer(CPU, MLP, DATA, NORM, spec);
        TensorSet w0 = init(MLP);
        TensorSet m = mask(MLP);
        long k = 11; // mid-epoch: the resumed run starts inside epoch 1
        TrainResult a = t.train(Checkpoint.initial(w0), m, t.totalSteps(), OptionalLong.of(k), TrainListener.NONE);
        TrainResult b = t.train(Checkpoint.initial(w0), m, t.totalSteps(), OptionalLong.of(k), TrainListener.NONE);
        assertTrue(a.weights().sameAs(b.weights()));
        Checkpoint atK = a.captured().orElseThrow();
        TrainResult resumed = t.train(atK, m, t.totalSteps(), OptionalLong.empty(), TrainListener.NONE);
        assertTrue(a.weights().sameAs(resumed.weights()), "k..T from the captured state must equal 0..T with augmentation");
        assertTrue(a.finalState().optimizer().buffers().sameAs(resumed.finalState().optimizer().buffers()));
        // rewinding to k with a fresh optimiser (OpenLTH) is reproducible too
        TrainResult rewound = t.train(atK.withFreshOptimizer(), m, t.totalSteps(), OptionalLong.empty(), TrainListener.NONE);
        TrainResult rewoundAgain = t.train(atK.withFreshOptimizer(), m, t.totalSteps(), OptionalLong.empty(), TrainListener.NONE);
        assertTrue(rewound.weights().sameAs(rewoundAgain.weights()));
        // augmentation changes the trajectory; NONE is the default spec itself
        TrainSpec plain = spec.withAugment(Augmentation.NONE);
        assertEquals(TrainSpec.sgd(0.05, 16, 3, 9).withMomentum(0.9, true).withWeightDecay(1e-3)
                .withStepSchedule(List.of(10L, 18L), 0.5), plain);
        TrainResult p = new MaskedTrainer(CPU, MLP, DATA, NORM, plain).train(w0, m, TrainListener.NONE);
        assertFalse(a.weights().sameAs(p.weights()));
    }

    @Test
    void theAugmentedStepTrainsOnTheDocumentedBatchAndEvaluationIsNotAugmented() {
        // One step of plain SGD on the whole training set: w1 = w0 - lr * g, where g is the gradient on the batch
        // of epoch 0's order with step 0's draws applied to the bytes (padding: the pixel 0) by this reference.
        int n = TRAIN.size();
        long seed = 21;
        float lr = 0.1f;
        TrainSpec spec = TrainSpec.sgd(lr, n, 1, seed).withAugment(Augmentation.FLIP_CROP);
        MaskedTrainer t = new MaskedTrainer(CPU, MLP, DATA, NORM, spec);
        assertEquals(1, t.totalSteps());
        int[] order = EpochOrder.permutation(seed, 0, n);
        ImageTransform[] draws = Augmentation.FLIP_CROP.draw(seed, 0, n);
        int h = TRAIN.height();
        int w = TRAIN.width();
        int e = TRAIN.exampleSize();
        byte[] pixels = new byte[n * e];
        byte[] labels = new byte[n];
        boolean anyFlip = false;
        for (int k = 0; k < n; k++) {
            ImageTransform d = draws[k];
            anyFlip |= d.flip();
            labels[k] = (byte) TRAIN.label(order[k]);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int sy = y + d.dy();
                    int sx = x + d.dx();
                    if (sy >= 0 && sy < h && sx >= 0 && sx < w) {
                        pixels[k * e + y * w + x] = TRAIN.pixels()[order[k] * e + sy * w + (d.flip() ? w - 1 - sx : sx)];
                    }
                }
            }
        }
        assertTrue(anyFlip);
        ImageDataset batch = new ImageDataset("batch", 1, h, w, TRAIN.classes(), pixels, labels);
        TensorSet w0 = init(MLP);
        TrainResult r = t.train(w0, TensorSet.of(), TrainListener.NONE);
        TensorSet g = t.gradients(w0, TensorSet.of(), batch, 0, n);
        for (NamedTensor p : w0) {
            float[] before = p.values();
            float[] grad = g.get(p.name()).values();
            float[] after = r.weights().get(p.name()).values();
            for (int i = 0; i < before.length; i++) {
                // the same float operations as the trainer's w - (g * lr): bit for bit
                assertEquals(before[i] - grad[i] * lr, after[i], p.name() + "[" + i + "]");
            }
        }
        // the gradient on the unaugmented batch differs: the step really saw the transformed images
        TensorSet plainGrad = t.gradients(w0, TensorSet.of(), TRAIN.subset(order), 0, n);
        assertFalse(plainGrad.sameAs(g));
        // evaluation during and after training reads the test set as stored, whatever the augmentation
        MaskedTrainer none = new MaskedTrainer(CPU, MLP, DATA, NORM, spec.withAugment(Augmentation.NONE));
        Evaluation ev = none.evaluate(r.weights(), TensorSet.of(), TEST);
        EpochMetrics last = r.epochs().get(r.epochs().size() - 1);
        assertEquals(ev.loss(), last.testLoss());
        assertEquals(ev.accuracy(), last.testAccuracy());
        assertEquals(ev.loss(), t.evaluate(r.weights(), TensorSet.of(), TEST).loss());
        assertTrue(none.gradients(w0, TensorSet.of(), TRAIN, 0, 8).sameAs(t.gradients(w0, TensorSet.of(), TRAIN, 0, 8)));
    }

    @Test
    void twoThreadRunsAreReproducibleButDifferFromOneThread() {
        ImageDataset bigger = Synthetic.images("bigger", 96, 1, 12, 12, 4, 1, 7);
        Network net = new LeNet5(new int[] {1, 12, 12}, 4);
        TrainSpec spec = TrainSpec.adam(1e-3, 48, 1, 5).withWeightDecay(1e-4);
        DataSplit split = DataSplit.of(bigger, bigger);
        TensorSet one;
        TensorSet two;
        TensorSet twoAgain;
        try {
            one = new MaskedTrainer(Compute.cpu(1), net, split, normOf(bigger), spec).train(init(net), mask(net), TrainListener.NONE).weights();
            two = new MaskedTrainer(Compute.cpu(2), net, split, normOf(bigger), spec).train(init(net), mask(net), TrainListener.NONE).weights();
            twoAgain = new MaskedTrainer(Compute.cpu(2), net, split, normOf(bigger), spec).train(init(net), mask(net), TrainListener.NONE).weights();
        } finally {
            Compute.cpu(1);
        }
        assertTrue(two.sameAs(twoAgain), "two runs on 2 intra-op threads must give bit-identical weights");
        // libtorch's convolution and GEMM kernels split reductions by thread count, so the last bits change with
        // it: a run's thread count is part of its provenance. If this starts to hold, document the stronger contract.
        assertFalse(one.sameAs(two));
    }

    private static Normalisation normOf(ImageDataset d) {
        return Normalisation.fit(d);
    }

    @Test
    void softmaxRegressionGradientMatchesTheClosedForm() {
        Network lin = new Mlp("softmax", new int[] {1, 6, 6}, new int[0], 4);
        MaskedTrainer t = new MaskedTrainer(CPU, lin, DATA, NORM, TrainSpec.sgd(0.1, 8, 1, 1));
        TensorSet w = init(lin);
        TensorSet m = mask(lin);
        int n = 10;
        TensorSet g = t.gradients(w, m, TRAIN, 0, n);
        float[] wv = w.get("fc1.weight").values();
        float[] mv = m.get("fc1.weight").values();
        float[] bv = w.get("fc1.bias").values();
        int[] order = java.util.stream.IntStream.range(0, n).toArray();
        float[] x = dev.jackpot.nn.data.Batches.features(TRAIN, NORM, order, 0, n);
        double[] gw = new double[4 * 36];
        double[] gb = new double[4];
        for (int i = 0; i < n; i++) {
            double[] z = new double[4];
            for (int o = 0; o < 4; o++) {
                z[o] = bv[o];
                for (int j = 0; j < 36; j++) {
                    z[o] += (double) wv[o * 36 + j] * mv[o * 36 + j] * x[i * 36 + j];
                }
            }
            double max = java.util.Arrays.stream(z).max().orElseThrow();
            double sum = 0;
            for (int o = 0; o < 4; o++) {
                sum += Math.exp(z[o] - max);
            }
            for (int o = 0; o < 4; o++) {
                double p = Math.exp(z[o] - max) / sum - (TRAIN.label(i) == o ? 1 : 0);
                gb[o] += p / n;
                for (int j = 0; j < 36; j++) {
                    gw[o * 36 + j] += p * x[i * 36 + j] / n;
                }
            }
        }
        float[] got = g.get("fc1.weight").values();
        for (int k = 0; k < gw.length; k++) {
            double expect = mv[k] == 0f ? 0 : gw[k];
            assertEquals(expect, got[k], 1e-5, "fc1.weight[" + k + "]");
            if (mv[k] == 0f) {
                assertEquals(0, Float.floatToRawIntBits(got[k]));
            }
        }
        for (int o = 0; o < 4; o++) {
            assertEquals(gb[o], g.get("fc1.bias").values()[o], 1e-5);
        }
    }

    @Test
    void convolutionalGradientsMatchFiniteDifferences() {
        ImageDataset small = Synthetic.images("fd", 6, 1, 12, 12, 3, 4, 5);
        Network net = new LeNet5(new int[] {1, 12, 12}, 3);
        Normalisation norm = Normalisation.fit(small);
        MaskedTrainer t = new MaskedTrainer(CPU, net, DataSplit.of(small, small), norm, TrainSpec.sgd(0.1, 6, 1, 1));
        TensorSet w = init(net);
        TensorSet m = NnBench.randomMask(net, 0.6, Seeds.stream(1, "mask"));
        TensorSet g = t.gradients(w, m, small, 0, small.size());
        int checked = 0;
        int kinks = 0;
        for (String name : List.of("conv1.weight", "conv2.weight", "fc1.weight", "fc3.bias")) {
            float[] v = w.get(name).values();
            for (int k = 0; k < v.length && checked < 60; k += Math.max(1, v.length / 12)) {
                boolean masked = m.contains(name) && m.get(name).values()[k] == 0f;
                float analytic = g.get(name).values()[k];
                checked++;
                if (masked) {
                    assertEquals(0, Float.floatToRawIntBits(analytic), name + "[" + k + "] is masked");
                    continue;
                }
                double fd4 = centralDifference(t, w, m, small, v, k, 1e-3f);
                double fd2 = centralDifference(t, w, m, small, v, k, 5e-4f);
                if (Math.abs(fd4 - fd2) > 3e-4) {
                    // A ReLU or max-pool switch lies within the step: the loss is not differentiable there.
                    kinks++;
                    continue;
                }
                assertEquals(fd2, analytic, 5e-4 + 0.01 * Math.abs(fd2), name + "[" + k + "]");
            }
        }
        assertTrue(kinks <= checked / 10, kinks + " of " + checked + " coordinates sit at a kink");
        assertTrue(checked >= 40);
    }

    private static double centralDifference(MaskedTrainer t, TensorSet w, TensorSet m, ImageDataset d, float[] v, int k, float h) {
        float saved = v[k];
        v[k] = saved + h;
        double up = t.evaluate(w, m, d).loss();
        v[k] = saved - h;
        double down = t.evaluate(w, m, d).loss();
        v[k] = saved;
        return (up - down) / (2.0 * h);
    }

    @Test
    void divergenceIsAResultNotACrash() {
        TrainSpec spec = TrainSpec.sgd(1e12, 16, 2, 5).withMomentum(0.9, false);
        TrainResult r = new MaskedTrainer(CPU, MLP, DATA, NORM, spec).train(init(MLP), TensorSet.of(), TrainListener.NONE);
        assertTrue(r.diverged());
        assertTrue(r.finalState().step() == r.divergedAtStep().getAsLong());
    }

    @Test
    void schedulesFollowTheirFormulas() {
        TrainSpec base = TrainSpec.sgd(0.1, 16, 0 + 1, 1).withIterations(100);
        LrSchedule step = new LrSchedule(base.withStepSchedule(List.of(30L, 60L), 0.1), 100);
        assertEquals(0.1, step.at(29), 1e-15);
        assertEquals(0.01, step.at(30), 1e-15);
        assertEquals(0.001, step.at(99), 1e-15);
        LrSchedule cos = new LrSchedule(base.withCosineSchedule(), 100);
        assertEquals(0.1, cos.at(0), 1e-15);
        assertEquals(0.05, cos.at(50), 1e-15);
        LrSchedule warm = new LrSchedule(base.withWarmup(10), 100);
        assertEquals(0.01, warm.at(0), 1e-15);
        assertEquals(0.1, warm.at(9), 1e-15);
        assertEquals(0.1, warm.at(50), 1e-15);
    }

    @Test
    void impossibleSpecsAreRejectedWithSentences() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainSpec.sgd(-1, 16, 1, 1)).getMessage().contains("learningRate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainSpec.sgd(Double.NaN, 16, 1, 1)).getMessage().contains("finite"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainSpec.sgd(0.1, 16, 1, 1).withMomentum(1.0, false))
                .getMessage().contains("[0, 1)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainSpec.adam(0.1, 16, 1, 1).withMomentum(0.5, true))
                .getMessage().contains("Adam"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainSpec.sgd(0.1, 16, 1, 1).withIterations(-3))
                .getMessage().contains("Exactly one"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> TrainSpec.sgd(0.1, 16, 1, 1).withStepSchedule(List.of(5L, 5L), 0.1))
                .getMessage().contains("ascending"));
        MaskedTrainer t = new MaskedTrainer(CPU, MLP, DATA, NORM, TrainSpec.sgd(0.1, 16, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> t.train(Checkpoint.initial(init(MLP)), TensorSet.of(), 999, OptionalLong.empty(), TrainListener.NONE));
    }
}
