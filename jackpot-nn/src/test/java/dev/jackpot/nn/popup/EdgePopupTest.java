package dev.jackpot.nn.popup;

import dev.jackpot.nn.Compute;
import dev.jackpot.nn.data.DataSplit;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.model.Mlp;
import dev.jackpot.nn.model.Network;
import dev.jackpot.nn.train.MaskedTrainer;
import dev.jackpot.nn.train.TrainSpec;
import dev.jackpot.rng.Rng;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdgePopupTest {

    private static final Compute CPU = Compute.cpu(1);
    private static final Network NET = new Mlp("tiny", new int[] {1, 4, 4}, new int[] {7, 5}, 3);

    static ImageDataset data(String name, int n, long seed) {
        Rng rng = Rng.of(seed);
        byte[] px = new byte[n * 16];
        byte[] lab = new byte[n];
        for (int i = 0; i < n; i++) {
            lab[i] = (byte) (i % 3);
            for (int j = 0; j < 16; j++) {
                // class-dependent brightness so there is something to learn
                px[i * 16 + j] = (byte) Math.min(255, rng.nextInt(120) + (j % 3 == i % 3 ? 120 : 0));
            }
        }
        return new ImageDataset(name, 1, 4, 4, 3, px, lab);
    }

    static DataSplit split() {
        return DataSplit.of(data("train", 48, 1), data("test", 24, 2));
    }

    private static EdgePopup popup(double k, boolean abs, int epochs) {
        TrainSpec t = TrainSpec.sgd(0.1, 8, epochs, 5).withMomentum(0.9, false).withWeightDecay(5e-4).withCosineSchedule();
        return new EdgePopup(CPU, NET, split(), Normalisation.unit(1), new PopupSpec(k, abs, t));
    }

    @Test
    void topKKeepsRoundOfKTimesNAndBreaksTiesByIndex() {
        assertEquals(5, TopK.kept(0.5, 9));   // 4.5 rounds half up
        assertEquals(1, TopK.kept(0.1, 10));
        assertEquals(10, TopK.kept(1.0, 10));
        assertThrows(IllegalArgumentException.class, () -> TopK.kept(0.01, 10));
        assertThrows(IllegalArgumentException.class, () -> TopK.kept(0, 10));
        float[] s = {0.5f, -0.5f, 0.1f, -0.9f, 0.5f};
        assertArrayEquals(new float[] {1, 1, 0, 1, 0}, TopK.mask(s, 0.6, true));   // |s| ties: lower index wins
        assertArrayEquals(new float[] {1, 0, 0, 0, 1}, TopK.mask(s, 0.4, false));
        Rng rng = Rng.of(3);
        for (int n : new int[] {1, 7, 100, 1001}) {
            float[] r = new float[n];
            for (int i = 0; i < n; i++) {
                r[i] = (float) rng.nextGaussian();
            }
            for (double k : new double[] {0.1, 0.3, 0.5, 0.9, 1.0}) {
                if (Math.round(k * n) < 1) {
                    continue;
                }
                float[] m = TopK.mask(r, k, true);
                double ones = 0;
                float minKept = Float.MAX_VALUE;
                float maxPruned = -1;
                for (int i = 0; i < n; i++) {
                    ones += m[i];
                    if (m[i] == 1) {
                        minKept = Math.min(minKept, Math.abs(r[i]));
                    } else {
                        maxPruned = Math.max(maxPruned, Math.abs(r[i]));
                    }
                }
                assertEquals(Math.round(k * n), (long) ones, "n=" + n + " k=" + k);
                assertTrue(minKept >= maxPruned);
            }
        }
    }

    @Test
    void straightThroughGradientIsEffectiveWeightGradientTimesWeightForEveryEntry() {
        TensorSet w = EdgePopup.randomWeights(NET, 11, WeightInit.KAIMING_NORMAL);
        TensorSet s = EdgePopup.initialScores(NET, 12);
        ImageDataset on = split().train();
        for (boolean abs : new boolean[] {true, false}) {
            EdgePopup ep = popup(0.5, abs, 1);
            TensorSet masks = ep.masks(s);
            TensorSet gs = ep.scoreGradients(w, s, on, 0, 16);
            // dL/dW_eff at W_eff = W * m, at every entry (an independent autograd path: no masks, weights given as W * m)
            List<NamedTensor> eff = new ArrayList<>();
            for (NamedTensor t : w) {
                if (masks.contains(t.name())) {
                    float[] v = t.values().clone();
                    float[] m = masks.get(t.name()).values();
                    for (int i = 0; i < v.length; i++) {
                        v[i] *= m[i];
                    }
                    eff.add(t.withValues(v));
                } else {
                    eff.add(t);
                }
            }
            TensorSet geff = new MaskedTrainer(CPU, NET, split(), Normalisation.unit(1), TrainSpec.sgd(0.1, 8, 1, 1))
                    .gradients(TensorSet.of(eff), TensorSet.of(List.of()), on, 0, 16);
            int masked = 0;
            int nonZero = 0;
            for (NamedTensor g : gs) {
                float[] ge = geff.get(g.name()).values();
                float[] wv = w.get(g.name()).values();
                float[] sv = s.get(g.name()).values();
                float[] mv = masks.get(g.name()).values();
                for (int i = 0; i < ge.length; i++) {
                    double expected = (double) ge[i] * wv[i] * (abs ? Math.signum(sv[i]) : 1);
                    assertEquals(expected, g.values()[i], 1e-6 * (1 + Math.abs(expected)), g.name() + "[" + i + "]");
                    if (mv[i] == 0) {
                        masked++;
                        if (g.values()[i] != 0) {
                            nonZero++;
                        }
                    }
                }
            }
            assertTrue(masked > 0 && nonZero > masked / 4, "pruned edges get gradients: " + nonZero + " of " + masked);
        }
    }

    @Test
    void trainingNeverChangesTheWeightsAndKeepsExactCountsPerLayer() {
        TensorSet w = EdgePopup.randomWeights(NET, 21, WeightInit.SIGNED_CONSTANT);
        TensorSet s = EdgePopup.initialScores(NET, 22);
        PopupResult r = popup(0.3, true, 3).train(w, s, PopupListener.NONE);
        for (NamedTensor t : w) {
            int[] a = new int[t.size()];
            int[] b = new int[t.size()];
            for (int i = 0; i < a.length; i++) {
                a[i] = Float.floatToRawIntBits(t.values()[i]);
                b[i] = Float.floatToRawIntBits(r.weightsAfter().get(t.name()).values()[i]);
            }
            assertArrayEquals(a, b, t.name() + " changed");
        }
        for (NamedTensor m : r.masks()) {
            double ones = 0;
            for (float v : m.values()) {
                ones += v;
            }
            assertEquals(Math.round(0.3 * m.size()), (long) ones, m.name());
            assertEquals((int) ones, r.keptCounts().get(m.name()));
        }
        assertTrue(r.diverged().isEmpty());
        assertEquals(3, r.epochLoss().size());
        assertTrue(!Arrays.equals(s.get("fc1.weight").values(), r.scores().get("fc1.weight").values()), "scores moved");
        assertTrue(r.test().accuracy() >= 0 && r.test().accuracy() <= 1);
    }

    @Test
    void convTwoSearchesToo() {
        Network conv = new dev.jackpot.nn.model.ConvNet(1, new int[] {1, 4, 4}, 3);
        TensorSet w = EdgePopup.randomWeights(conv, 41, WeightInit.KAIMING_NORMAL);
        TrainSpec t = TrainSpec.sgd(0.1, 16, 1, 5).withMomentum(0.9, false).withCosineSchedule();
        PopupResult r = new EdgePopup(CPU, conv, split(), Normalisation.unit(1), new PopupSpec(0.5, true, t))
                .train(w, EdgePopup.initialScores(conv, 42), PopupListener.NONE);
        assertEquals(conv.prunableNames(), List.copyOf(r.keptCounts().keySet()));
        for (NamedTensor m : r.masks()) {
            assertEquals(Math.round(0.5 * m.size()), (long) r.keptCounts().get(m.name()));
            assertArrayEquals(w.get(m.name()).values(), r.weightsAfter().get(m.name()).values());
        }
        assertThrows(IllegalArgumentException.class, () -> new EdgePopup(CPU,
                new dev.jackpot.nn.model.CifarResNet(20, new int[] {3, 8, 8}, 3), split(), Normalisation.unit(1),
                new PopupSpec(0.5, true, t)));
    }

    @Test
    void projectionKeepsTheBallAfterEveryStepAndEpsZeroChangesNothing() {
        TensorSet w0 = EdgePopup.randomWeights(NET, 31, WeightInit.KAIMING_NORMAL);
        TrainSpec t = TrainSpec.sgd(0.5, 8, 2, 7).withMomentum(0.9, false);
        ProjectedSgd pgd = new ProjectedSgd(CPU, NET, split(), Normalisation.unit(1), t);
        for (double eps : new double[] {1e-3, 2e-2, 0.1}) {
            ProjectedSgd.Result r = pgd.train(w0, eps, PopupListener.NONE);
            assertTrue(r.maxDeviation() <= eps, "eps " + eps + ": " + r.maxDeviation());
            assertTrue(r.maxDeviation() > eps / 2, "the weights moved to the boundary at eps " + eps);
            for (NamedTensor b : r.weights()) {
                if (!NET.prunableNames().contains(b.name())) {
                    assertArrayEquals(new float[b.size()], b.values());
                }
            }
        }
        ProjectedSgd.Result zero = pgd.train(w0, 0, PopupListener.NONE);
        for (NamedTensor a : w0) {
            float[] b = zero.weights().get(a.name()).values();
            for (int i = 0; i < b.length; i++) {
                assertEquals(Float.floatToRawIntBits(a.values()[i]), Float.floatToRawIntBits(b[i]));
            }
        }
        assertEquals(0.0, zero.maxDeviation());
        assertThrows(IllegalArgumentException.class, () -> pgd.train(w0, -1e-3, PopupListener.NONE));
        // neither trainer augments its batches: a spec asking for it is refused, not silently ignored
        TrainSpec augmented = t.withAugment(dev.jackpot.nn.data.Augmentation.FLIP_CROP);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ProjectedSgd(CPU, NET, split(),
                Normalisation.unit(1), augmented)).getMessage().contains("augment"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new PopupSpec(0.5, true, augmented))
                .getMessage().contains("augment"));
    }

    @Test
    void boxProjectionBoundsHoldExactlyAndZeroRadiusReturnsCentreBits() {
        Rng rng = Rng.of(9);
        float[] c = new float[5000];
        float[] w = new float[5000];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) rng.nextGaussian();
            w[i] = c[i] + (float) (0.5 * rng.nextGaussian());
        }
        for (double eps : new double[] {0, 1e-3, 5e-3, 1e-2, 3e-2, 0.1, 0.4}) {
            float[] v = w.clone();
            BoxProjection.project(v, c, eps);
            assertTrue(BoxProjection.maxDeviation(v, c) <= eps);
            if (eps == 0) {
                for (int i = 0; i < v.length; i++) {
                    assertEquals(Float.floatToRawIntBits(c[i]), Float.floatToRawIntBits(v[i]));
                }
            }
        }
        float[] v = w.clone();
        BoxProjection.project(v, c, Double.POSITIVE_INFINITY);
        assertArrayEquals(w, v);
    }
}
