package dev.jackpot.nn.train;

import dev.jackpot.nn.Compute;
import dev.jackpot.nn.Synthetic;
import dev.jackpot.nn.bench.NnBench;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.model.InitScheme;
import dev.jackpot.nn.model.Initialiser;
import dev.jackpot.nn.model.Mlp;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.sparse.SparseMlp;
import dev.jackpot.rng.Seeds;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sparse engine against libtorch's dense one and against finite differences, and its invariants. */
class SparseEngineTest {

    private static final Compute DENSE = Compute.cpu(1).withSparseBelow(0);
    private static final Compute SPARSE = Compute.cpu(1).withSparseBelow(1);
    private static final ImageDataset TRAIN = Synthetic.images("train", 100, 1, 6, 6, 4, 1, 2);
    private static final ImageDataset TEST = Synthetic.images("test", 37, 1, 6, 6, 4, 1, 3);
    private static final DataSplit DATA = DataSplit.of(TRAIN, TEST);
    private static final Normalisation NORM = Normalisation.fit(TRAIN);
    private static final Network MLP = new Mlp("mlp", new int[] {1, 6, 6}, new int[] {16, 9}, 4);

    private static TensorSet init(Network net, long seed) {
        return Initialiser.initialise(net, Seeds.derive(seed, "init"), InitScheme.KAIMING_NORMAL);
    }

    private static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        return o;
    }

    private static void assertClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * Math.max(scale, 1e-3), what + "[" + i + "]");
        }
    }

    @Test
    void gradientsMatchTheDenseEngineAndZeroWhereMasked() {
        TensorSet w = init(MLP, 4);
        TensorSet m = NnBench.randomMask(MLP, 0.35, Seeds.stream(4, "mask"));
        MaskedTrainer dense = new MaskedTrainer(DENSE, MLP, DATA, NORM, TrainSpec.sgd(0.1, 33, 1, 1));
        TensorSet expected = dense.gradients(w, m, TRAIN, 0, 33);
        try (SparseMlp mlp = new SparseMlp(MLP, w, m, 33, 1)) {
            double loss = mlp.forwardBackward(TRAIN, NORM, identity(TRAIN.size()), 0, 33, null);
            assertTrue(Double.isFinite(loss));
            for (SparseMlp.Slot s : mlp.slots()) {
                float[] g = s.pattern() == null ? s.grad() : s.pattern().scatter(s.grad());
                assertClose(expected.get(s.name()).values(), g, 1e-5, s.name());
                if (m.contains(s.name())) {
                    float[] mk = m.get(s.name()).values();
                    for (int i = 0; i < g.length; i++) {
                        if (mk[i] == 0f) {
                            assertEquals(0, Float.floatToRawIntBits(g[i]), s.name());
                        }
                    }
                }
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Network tiny = new Mlp("tiny", new int[] {1, 3, 3}, new int[] {5}, 3);
        ImageDataset data = Synthetic.images("fd", 12, 1, 3, 3, 3, 7, 1);
        Normalisation norm = Normalisation.fit(data);
        TensorSet w = init(tiny, 9);
        TensorSet m = NnBench.randomMask(tiny, 0.6, Seeds.stream(9, "mask"));
        int[] order = identity(data.size());
        try (SparseMlp mlp = new SparseMlp(tiny, w, m, data.size(), 1)) {
            mlp.forwardBackward(data, norm, order, 0, data.size(), null);
            for (SparseMlp.Slot s : mlp.slots()) {
                float[] g = s.grad().clone();
                for (int k = 0; k < s.values().length; k++) {
                    float v = s.values()[k];
                    float h = 1e-2f;
                    s.values()[k] = v + h;
                    double up = mlp.forwardBackward(data, norm, order, 0, data.size(), null);
                    s.values()[k] = v - h;
                    double down = mlp.forwardBackward(data, norm, order, 0, data.size(), null);
                    s.values()[k] = v;
                    double fd = (up - down) / (2 * h);
                    assertEquals(fd, g[k], 2e-3 + 2e-2 * Math.abs(fd), s.name() + "[" + k + "]");
                }
            }
        }
    }

    @Test
    void trainingAgreesWithTheDenseEngineForEveryOptimiser() {
        List<TrainSpec> specs = List.of(
                TrainSpec.sgd(0.05, 16, 2, 5),
                TrainSpec.sgd(0.05, 16, 2, 5).withMomentum(0.9, false).withWeightDecay(5e-3),
                TrainSpec.sgd(0.05, 16, 2, 5).withMomentum(0.9, true).withWeightDecay(5e-3),
                TrainSpec.adam(3e-3, 16, 2, 5).withWeightDecay(5e-3));
        TensorSet w0 = init(MLP, 6);
        TensorSet m = NnBench.randomMask(MLP, 0.3, Seeds.stream(6, "mask"));
        for (TrainSpec spec : specs) {
            TrainResult d = new MaskedTrainer(DENSE, MLP, DATA, NORM, spec).train(w0, m, TrainListener.NONE);
            MaskedTrainer st = new MaskedTrainer(SPARSE, MLP, DATA, NORM, spec.withCheckInvariants(true));
            assertTrue(st.sparse(m));
            TrainResult s = st.train(w0, m, TrainListener.NONE);
            assertEquals(TrainResult.DENSE, d.engine());
            assertEquals(TrainResult.SPARSE, s.engine());
            assertFalse(s.diverged());
            for (NamedTensor t : d.weights()) {
                assertClose(t.values(), s.weights().get(t.name()).values(), 1e-4, spec.optimizer() + " " + t.name());
            }
            assertEquals(d.finalState().optimizer().buffers().names(), s.finalState().optimizer().buffers().names());
            for (NamedTensor b : d.finalState().optimizer().buffers()) {
                assertClose(b.values(), s.finalState().optimizer().buffers().get(b.name()).values(), 1e-4, b.name());
            }
            assertEquals(d.last().orElseThrow().testAccuracy(), s.last().orElseThrow().testAccuracy(), 0.03);
            assertEquals(d.last().orElseThrow().testLoss(), s.last().orElseThrow().testLoss(), 1e-3);
            assertTrue(s.trainingMacs() < d.trainingMacs() * 0.45, "the sparse engine executes only the kept weights' products");
        }
    }

    @Test
    void evaluationAndRewindAgreeAcrossEngines() {
        TensorSet w = init(MLP, 8);
        TensorSet m = NnBench.randomMask(MLP, 0.2, Seeds.stream(8, "mask"));
        TrainSpec spec = TrainSpec.sgd(0.05, 16, 3, 2).withMomentum(0.9, false);
        Evaluation d = new MaskedTrainer(DENSE, MLP, DATA, NORM, spec).evaluate(w, m, TEST);
        Evaluation s = new MaskedTrainer(SPARSE, MLP, DATA, NORM, spec).evaluate(w, m, TEST);
        assertEquals(d.accuracy(), s.accuracy(), 1e-12);
        assertEquals(d.loss(), s.loss(), 1e-5);
        // capture at step 4 then resume from it: the same weights as one uninterrupted sparse run
        MaskedTrainer st = new MaskedTrainer(SPARSE, MLP, DATA, NORM, spec);
        TrainResult full = st.train(Checkpoint.initial(w), m, st.totalSteps(), OptionalLong.of(4), TrainListener.NONE);
        TrainResult resumed = st.train(full.captured().orElseThrow(), m, st.totalSteps(), OptionalLong.empty(), TrainListener.NONE);
        for (NamedTensor t : full.weights()) {
            assertArrayEquals(t.values(), resumed.weights().get(t.name()).values(), t.name());
        }
    }

    @Test
    void resultsAreBitIdenticalWhateverTheThreadCount() {
        // large enough that the kernels split rows across threads
        Network lenet = new Mlp("lenet", new int[] {1, 28, 28}, new int[] {300, 100}, 10);
        ImageDataset train = Synthetic.images("big", 256, 1, 28, 28, 10, 3, 1);
        DataSplit data = DataSplit.of(train, Synthetic.images("bigtest", 64, 1, 28, 28, 10, 3, 2));
        Normalisation norm = Normalisation.fit(train);
        TensorSet w = init(lenet, 1);
        TensorSet m = NnBench.randomMask(lenet, 0.4, Seeds.stream(1, "mask"));
        TrainSpec spec = TrainSpec.sgd(0.05, 128, 1, 3).withMomentum(0.9, false);
        TrainResult one = new MaskedTrainer(Compute.cpu(1).withSparseBelow(1), lenet, data, norm, spec).train(w, m, TrainListener.NONE);
        TrainResult two = new MaskedTrainer(Compute.cpu(2).withSparseBelow(1), lenet, data, norm, spec).train(w, m, TrainListener.NONE);
        Compute.cpu(1); // libtorch's thread count is process-wide: restore the other tests' setting
        for (NamedTensor t : one.weights()) {
            assertArrayEquals(t.values(), two.weights().get(t.name()).values(), t.name());
        }
        EpochMetrics a = one.last().orElseThrow();
        EpochMetrics b = two.last().orElseThrow();
        assertEquals(a.trainLoss(), b.trainLoss());
        assertEquals(a.testLoss(), b.testLoss());
        assertEquals(a.testAccuracy(), b.testAccuracy());
    }

    @Test
    void theThresholdChoosesTheEngine() {
        TensorSet m = NnBench.randomMask(MLP, 0.2, Seeds.stream(6, "mask"));
        TrainSpec spec = TrainSpec.sgd(0.05, 16, 1, 5);
        double density = MaskedTrainer.density(MLP, m);
        assertEquals(0.2, density, 0.01);
        assertTrue(new MaskedTrainer(Compute.cpu(1).withSparseBelow(density), MLP, DATA, NORM, spec).sparse(m));
        assertFalse(new MaskedTrainer(Compute.cpu(1).withSparseBelow(density - 1e-6), MLP, DATA, NORM, spec).sparse(m));
        assertTrue(new MaskedTrainer(Compute.cpu(1), MLP, DATA, NORM, spec).sparse(m), "default threshold");
        assertFalse(new MaskedTrainer(Compute.cpu(1), MLP, DATA, NORM, spec).sparse(TensorSet.of()), "unmasked: dense");
        ImageDataset images = Synthetic.images("c", 8, 1, 28, 28, 10, 1, 1);
        Network lenet5 = new dev.jackpot.nn.model.LeNet5(new int[] {1, 28, 28}, 10);
        assertFalse(new MaskedTrainer(SPARSE, lenet5, DataSplit.of(images, images), Normalisation.fit(images), spec)
                .sparse(NnBench.randomMask(lenet5, 0.1, Seeds.stream(1, "m"))), "convolutional networks stay on libtorch");
    }
}
