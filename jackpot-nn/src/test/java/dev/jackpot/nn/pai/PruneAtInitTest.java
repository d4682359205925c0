package dev.jackpot.nn.pai;

import dev.jackpot.nn.Compute;
import dev.jackpot.nn.Synthetic;
import dev.jackpot.nn.data.ImageDataset;
import dev.jackpot.nn.data.Normalisation;
import dev.jackpot.nn.model.InitScheme;
import dev.jackpot.nn.model.Initialiser;
import dev.jackpot.nn.model.Mlp;
import dev.jackpot.nn.model.Network;
import dev.jackpot.prune.CountingRule;
import dev.jackpot.prune.LayerCount;
import dev.jackpot.prune.Masks;
import dev.jackpot.prune.PruneScope;
import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PruneAtInitTest {

    private static final Compute CPU = Compute.cpu(1);

    private static Examples randomExamples(int n, int features, int classes, long seed) {
        Rng rng = Seeds.stream(seed, "examples");
        double[] x = new double[n * features];
        int[] y = new int[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            y[i] = i % classes;
        }
        return new Examples(x, y);
    }

    @Test
    void snipScoreIsTheGateDerivativeByFiniteDifference() {
        Network net = new Mlp("tiny", new int[] {1, 2, 2}, new int[] {3}, 3);
        TensorSet w = Initialiser.initialise(net, 7, InitScheme.KAIMING_NORMAL);
        Examples ex = randomExamples(6, 4, 3, 1);
        PruneAtInit pai = new PruneAtInit(CPU, net);
        TensorSet scores = pai.snipScores(w, ex);
        Map<String, double[]> base = PruneAtInit.toDouble(w);
        double h = 1e-5;
        List<double[]> fd = new ArrayList<>();
        double total = 0;
        for (String name : net.prunableNames()) {
            double[] v = new double[base.get(name).length];
            for (int j = 0; j < v.length; j++) {
                // L(w ⊙ c) with the gate c_j = 1 ± h
                Map<String, double[]> plus = PruneAtInit.toDouble(w);
                Map<String, double[]> minus = PruneAtInit.toDouble(w);
                plus.get(name)[j] *= 1 + h;
                minus.get(name)[j] *= 1 - h;
                v[j] = Math.abs((pai.crossEntropy(plus, ex, 1) - pai.crossEntropy(minus, ex, 1)) / (2 * h));
                total += v[j];
            }
            fd.add(v);
        }
        int k = 0;
        double sum = 0;
        for (String name : net.prunableNames()) {
            float[] s = scores.get(name).values();
            double[] v = fd.get(k++);
            for (int j = 0; j < s.length; j++) {
                assertEquals(v[j] / total, s[j], 1e-6, name + "[" + j + "]");
                sum += s[j];
            }
        }
        assertEquals(1.0, sum, 1e-5);
    }

    @Test
    void graspHessianGradientMatchesTheExactHessianOfSoftmaxRegression() {
        int features = 4;
        int classes = 3;
        Network net = new Mlp("softmax-regression", new int[] {1, 2, 2}, new int[] {}, classes);
        TensorSet w = Initialiser.initialise(net, 3, InitScheme.KAIMING_NORMAL);
        float[] bias = {0.3f, -0.2f, 0.1f};
        w = TensorSet.of(w.get("fc1.weight"), new NamedTensor("fc1.bias", new int[] {classes}, bias));
        List<Examples> halves = List.of(randomExamples(5, features, classes, 11), randomExamples(4, features, classes, 12));
        PruneAtInit pai = new PruneAtInit(CPU, net);
        for (double t : new double[] {1.5, 200}) {
            Map<String, double[]> params = PruneAtInit.toDouble(w);
            double[] hg = pai.hessianGradient(params, halves, t).get("fc1.weight");
            double[] wv = params.get("fc1.weight");
            double[] g = new double[classes * features];
            for (Examples e : halves) {
                double[][] p = probabilities(wv, bias, e, classes, features, t);
                for (int n = 0; n < e.size(); n++) {
                    for (int c = 0; c < classes; c++) {
                        double r = p[n][c] - (e.y()[n] == c ? 1 : 0);
                        for (int j = 0; j < features; j++) {
                            g[c * features + j] += r * e.x()[n * features + j] / (t * e.size());
                        }
                    }
                }
            }
            double[] exact = new double[g.length];
            for (Examples e : halves) {
                double[][] p = probabilities(wv, bias, e, classes, features, t);
                for (int n = 0; n < e.size(); n++) {
                    double[] u = new double[classes];
                    double pu = 0;
                    for (int c = 0; c < classes; c++) {
                        for (int m = 0; m < features; m++) {
                            u[c] += g[c * features + m] * e.x()[n * features + m];
                        }
                        pu += p[n][c] * u[c];
                    }
                    for (int c = 0; c < classes; c++) {
                        for (int j = 0; j < features; j++) {
                            exact[c * features + j] += e.x()[n * features + j] * p[n][c] * (u[c] - pu) / (t * t * e.size());
                        }
                    }
                }
            }
            double scale = 0;
            for (double v : exact) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertTrue(scale > 0);
            for (int i = 0; i < exact.length; i++) {
                assertEquals(exact[i], hg[i], 1e-6 * scale, "T=" + t + " entry " + i);
            }
        }
    }

    private static double[][] probabilities(double[] w, float[] b, Examples e, int classes, int features, double t) {
        double[][] p = new double[e.size()][classes];
        for (int n = 0; n < e.size(); n++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double z = b[c];
                for (int j = 0; j < features; j++) {
                    z += w[c * features + j] * e.x()[n * features + j];
                }
                p[n][c] = z / t;
                max = Math.max(max, p[n][c]);
            }
            double s = 0;
            for (int c = 0; c < classes; c++) {
                p[n][c] = Math.exp(p[n][c] - max);
                s += p[n][c];
            }
            for (int c = 0; c < classes; c++) {
                p[n][c] /= s;
            }
        }
        return p;
    }

    @Test
    void graspRemovesTheHighestScores() {
        Network net = new Mlp("tiny", new int[] {1, 3, 3}, new int[] {8}, 3);
        ImageDataset train = Synthetic.images("train", 30, 1, 3, 3, 3, 1, 2);
        TensorSet w = Initialiser.initialise(net, 5, InitScheme.KAIMING_NORMAL);
        PruneAtInitSpec spec = new PruneAtInitSpec(PaiMethod.GRASP, 0.3, PruneScope.GLOBAL, 1, 10, 4, 200, 9);
        PruneAtInitResult r = new PruneAtInit(CPU, net).prune(spec, w, train, Normalisation.fit(train));
        float maxKept = Float.NEGATIVE_INFINITY;
        float minRemoved = Float.POSITIVE_INFINITY;
        for (String n : net.prunableNames()) {
            float[] s = r.scores().get(n).values();
            float[] m = r.masks().get(n).values();
            for (int i = 0; i < s.length; i++) {
                if (m[i] == 1f) {
                    maxKept = Math.max(maxKept, s[i]);
                } else {
                    minRemoved = Math.min(minRemoved, s[i]);
                }
            }
        }
        assertTrue(maxKept <= minRemoved, "kept " + maxKept + " removed " + minRemoved);
        assertEquals(Math.round(0.3 * net.prunableCount()), Masks.kept(r.masks()));
    }

    @Test
    void synflowConservesFlowAtEveryHiddenNeuronOfABiasFreeReluMlp() {
        Network net = new Mlp("mlp", new int[] {1, 2, 3}, new int[] {5, 4}, 3);
        TensorSet init = Initialiser.initialise(net, 4, InitScheme.KAIMING_NORMAL);
        List<NamedTensor> noBias = new ArrayList<>();
        for (NamedTensor t : init) {
            noBias.add(t.name().endsWith(".bias") ? new NamedTensor(t.name(), t.shape(), new float[t.size()]) : t);
        }
        Map<String, double[]> s = new PruneAtInit(CPU, net).synflowScoresDouble(TensorSet.of(noBias));
        int[][] dims = {{6, 5}, {5, 4}, {4, 3}};
        for (int l = 0; l < 2; l++) {
            double[] into = s.get("fc" + (l + 1) + ".weight");
            double[] out = s.get("fc" + (l + 2) + ".weight");
            int in = dims[l][0];
            int width = dims[l][1];
            int next = dims[l + 1][1];
            for (int i = 0; i < width; i++) {
                double a = 0;
                double b = 0;
                for (int j = 0; j < in; j++) {
                    a += into[i * in + j];
                }
                for (int k = 0; k < next; k++) {
                    b += out[k * width + i];
                }
                assertTrue(a > 0);
                assertEquals(a, b, 1e-12 * a, "layer " + (l + 1) + " neuron " + i);
            }
        }
    }

    @Test
    void synflowReadsNoDataFollowsTheScheduleAndCollapsesNoLayer() {
        Network net = new Mlp("mlp", new int[] {1, 4, 4}, new int[] {12, 8}, 3);
        TensorSet w = Initialiser.initialise(net, 8, InitScheme.KAIMING_NORMAL);
        double d = 0.05;
        int n = 6;
        PruneAtInitSpec spec = PruneAtInitSpec.of(PaiMethod.SYNFLOW, d, 1).withRounds(n);
        // no training set at all: SynFlow must not need one
        PruneAtInitResult r = new PruneAtInit(CPU, net).prune(spec, w, null, null);
        long total = net.prunableCount();
        assertEquals(n, r.roundDensities().size());
        for (int k = 1; k <= n; k++) {
            long expected = Math.round(Math.pow(d, (double) k / n) * total);
            assertEquals((double) expected / total, r.roundDensities().get(k - 1), 1e-12, "round " + k);
        }
        assertTrue(r.selection().noLayerCollapsed());
        for (LayerCount c : r.selection().layers()) {
            assertTrue(c.kept() > 0, c.name());
        }
        assertEquals(Math.round(d * total), Masks.kept(r.masks()));
        PruneAtInitResult again = new PruneAtInit(CPU, net).prune(spec, w, null, null);
        assertTrue(again.masks().sameAs(r.masks()));
        assertThrows(IllegalArgumentException.class,
                () -> new PruneAtInit(CPU, net).prune(PruneAtInitSpec.of(PaiMethod.SNIP, d, 1), w, null, null));
    }

    @Test
    void baselinesAndSnipKeepExactCountsAndAreDeterministic() {
        Network net = new Mlp("tiny", new int[] {1, 3, 3}, new int[] {8}, 3);
        ImageDataset train = Synthetic.images("train", 30, 1, 3, 3, 3, 1, 2);
        Normalisation norm = Normalisation.fit(train);
        TensorSet w = Initialiser.initialise(net, 5, InitScheme.KAIMING_NORMAL);
        PruneAtInit pai = new PruneAtInit(CPU, net);
        for (PaiMethod m : new PaiMethod[] {PaiMethod.SNIP, PaiMethod.MAGNITUDE, PaiMethod.RANDOM}) {
            for (PruneScope scope : PruneScope.values()) {
                PruneAtInitSpec spec = new PruneAtInitSpec(m, 0.25, scope, 1, 10, 2, 200, 3);
                PruneAtInitResult a = pai.prune(spec, w, train, norm);
                PruneAtInitResult b = pai.prune(spec, w, train, norm);
                assertTrue(a.masks().sameAs(b.masks()), m + " " + scope);
                if (scope == PruneScope.GLOBAL) {
                    assertEquals(Math.round(0.25 * net.prunableCount()), Masks.kept(a.masks()), m.toString());
                } else {
                    for (LayerCount c : a.selection().layers()) {
                        assertEquals(Math.round(0.25 * c.size()), c.kept(), m + " " + c.name());
                    }
                }
            }
        }
        TensorSet r1 = pai.prune(new PruneAtInitSpec(PaiMethod.RANDOM, 0.25, PruneScope.GLOBAL, 1, 10, 2, 200, 3), w, null, null).masks();
        TensorSet r2 = pai.prune(new PruneAtInitSpec(PaiMethod.RANDOM, 0.25, PruneScope.GLOBAL, 1, 10, 2, 200, 4), w, null, null).masks();
        assertFalse(r1.sameAs(r2));
    }

    @Test
    void referenceCountingRulesReachThePruningAtInitialisation() {
        Network net = new Mlp("tiny", new int[] {1, 3, 3}, new int[] {8}, 3);
        ImageDataset train = Synthetic.images("train", 30, 1, 3, 3, 3, 1, 2);
        Normalisation norm = Normalisation.fit(train);
        TensorSet w = Initialiser.initialise(net, 5, InitScheme.KAIMING_NORMAL);
        PruneAtInit pai = new PruneAtInit(CPU, net);
        long n = net.prunableCount(); // 9*8 + 8*3 = 96
        assertEquals(96, n);
        // d = 0.3: exact keeps round(28.8) = 29; GraSP counts m = floor(96 x 0.7) = 67 and removes 66 (scores distinct)
        PruneAtInitSpec grasp = new PruneAtInitSpec(PaiMethod.GRASP, 0.3, PruneScope.GLOBAL, 1, 10, 4, 200, 9,
                CountingRule.GRASP);
        PruneAtInitResult g = pai.prune(grasp, w, train, norm);
        assertEquals(96 - 67, g.selection().requestedKept());
        assertEquals(96 - 66, Masks.kept(g.masks()));
        // SNIP at d = 0.3: round(96 x (1 - 0.7)) = round(28.8) = 29, exact top-k
        PruneAtInitResult s = pai.prune(new PruneAtInitSpec(PaiMethod.SNIP, 0.3, PruneScope.GLOBAL, 1, 10, 4, 200, 3,
                CountingRule.SNIP), w, train, norm);
        assertEquals(29, Masks.kept(s.masks()));
        // SynFlow's rule: every round removes floor((1 - d_r) N) counted over all N, pruned entries included
        PruneAtInitResult f = pai.prune(PruneAtInitSpec.of(PaiMethod.SYNFLOW, 0.3, 3).withRounds(2)
                .withCounting(CountingRule.SYNFLOW), w, null, null);
        assertEquals(96 - (long) ((1.0 - 0.3) * 96), f.selection().requestedKept());
        assertTrue(Masks.kept(f.masks()) <= f.selection().requestedKept());
        assertThrows(IllegalArgumentException.class, () -> PruneAtInitSpec.of(PaiMethod.SNIP, 0.3, 3)
                .withCounting(CountingRule.OPENLTH));
    }

    @Test
    void graspXavierRedrawChangesTheScoredWeightsButNeverTheTrainedInit() {
        Network net = new Mlp("tiny", new int[] {1, 3, 3}, new int[] {8}, 3);
        ImageDataset train = Synthetic.images("train", 30, 1, 3, 3, 3, 1, 2);
        Normalisation norm = Normalisation.fit(train);
        TensorSet w = Initialiser.initialise(net, 5, InitScheme.KAIMING_NORMAL);
        TensorSet before = w.copy();
        PruneAtInit pai = new PruneAtInit(CPU, net);
        PruneAtInitSpec plain = new PruneAtInitSpec(PaiMethod.GRASP, 0.3, PruneScope.GLOBAL, 1, 10, 4, 200, 9);
        PruneAtInitResult a = pai.prune(plain, w, train, norm);
        PruneAtInitResult b = pai.prune(plain.withRedrawXavier(true), w, train, norm);
        assertTrue(a.scoredWeights().sameAs(w));
        TensorSet xavier = Initialiser.initialise(net, Seeds.derive(9, "grasp-xavier"), InitScheme.GLOROT_NORMAL);
        for (NamedTensor t : b.scoredWeights()) {
            NamedTensor expected = t.name().endsWith(".weight") ? xavier.get(t.name()) : w.get(t.name());
            assertTrue(TensorSet.of(expected).sameAs(TensorSet.of(t)), t.name());
        }
        assertFalse(b.scores().sameAs(a.scores()));
        assertFalse(b.masks().sameAs(a.masks()), "a different scored copy gives another mask here");
        assertTrue(b.trainInit().sameAs(before), "the trained init is the original draw");
        assertTrue(w.sameAs(before), "the given init is not modified");
        assertEquals(Masks.kept(a.masks()), Masks.kept(b.masks()));
    }

    @Test
    void snipSeparateDrawTrainsAnotherInitWithZeroBiasesUnderTheSameMask() {
        Network net = new Mlp("tiny", new int[] {1, 3, 3}, new int[] {8}, 3);
        ImageDataset train = Synthetic.images("train", 30, 1, 3, 3, 3, 1, 2);
        Normalisation norm = Normalisation.fit(train);
        TensorSet w = Initialiser.initialise(net, 5, InitScheme.KAIMING_NORMAL);
        PruneAtInit pai = new PruneAtInit(CPU, net);
        PruneAtInitSpec same = new PruneAtInitSpec(PaiMethod.SNIP, 0.25, PruneScope.GLOBAL, 1, 10, 2, 200, 3);
        PruneAtInitResult a = pai.prune(same, w, train, norm, InitScheme.KAIMING_NORMAL);
        PruneAtInitResult b = pai.prune(same.withScoreOnTrainedInit(false), w, train, norm, InitScheme.KAIMING_NORMAL);
        assertTrue(a.trainInit().sameAs(w));
        assertTrue(b.masks().sameAs(a.masks()), "the mask is computed on the given draw either way");
        assertTrue(b.scoredWeights().sameAs(w));
        TensorSet draw = Initialiser.initialise(net, Seeds.derive(3, "snip-train-init"), InitScheme.KAIMING_NORMAL);
        for (NamedTensor t : b.trainInit()) {
            if (t.name().endsWith(".bias")) {
                for (float v : t.values()) {
                    assertEquals(0, Float.floatToRawIntBits(v), t.name() + " is +0.0");
                }
            } else {
                assertTrue(TensorSet.of(t).sameAs(TensorSet.of(draw.get(t.name()))), t.name());
                assertFalse(TensorSet.of(t).sameAs(TensorSet.of(w.get(t.name()))), t.name() + " differs from the scored draw");
            }
        }
    }

    @Test
    void specRejectsImpossibleValuesWithSentences() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PruneAtInitSpec.of(PaiMethod.SNIP, 0.5, 1)
                .withRedrawXavier(true)).getMessage().contains("GraSP only"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PruneAtInitSpec.of(PaiMethod.GRASP, 0.5, 1)
                .withScoreOnTrainedInit(false)).getMessage().contains("SNIP only"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PruneAtInitSpec.of(PaiMethod.SNIP, 0, 1));
        assertTrue(e.getMessage().startsWith("The density must be in (0, 1]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PruneAtInitSpec.of(PaiMethod.SNIP, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> PruneAtInitSpec.of(PaiMethod.SNIP, 1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> PruneAtInitSpec.of(null, 0.5, 1));
        assertThrows(IllegalArgumentException.class, () -> PruneAtInitSpec.of(PaiMethod.SYNFLOW, 0.5, 1).withRounds(0));
        assertThrows(IllegalArgumentException.class,
                () -> new PruneAtInitSpec(PaiMethod.GRASP, 0.5, PruneScope.GLOBAL, 1, 10, 1, 200, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new PruneAtInitSpec(PaiMethod.GRASP, 0.5, PruneScope.GLOBAL, 1, 10, 4, Double.NaN, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new PruneAtInitSpec(PaiMethod.SNIP, 0.5, PruneScope.GLOBAL, 1, 0, 4, 200, 1));
        assertEquals(PaiMethod.GRASP, PaiMethod.parse("GraSP"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PaiMethod.parse("obd")).getMessage().contains("snip"));
    }

    @Test
    void invertedMagnitudeKeepsTheSmallestWeightsAtTheSameCount() {
        Network net = new Mlp("mlp", new int[] {1, 4, 4}, new int[] {12, 8}, 3);
        TensorSet w = Initialiser.initialise(net, 9, InitScheme.KAIMING_NORMAL);
        PruneAtInitSpec spec = PruneAtInitSpec.of(PaiMethod.MAGNITUDE, 0.2, 1);
        PruneAtInit pai = new PruneAtInit(CPU, net);
        TensorSet found = pai.prune(spec, w, null, null).masks();
        TensorSet inverted = pai.pruneInverted(spec, w, null, null, InitScheme.KAIMING_NORMAL).masks();
        assertEquals(Masks.kept(found), Masks.kept(inverted));
        double smallestKept = Double.POSITIVE_INFINITY;
        double largestInverted = 0;
        for (String name : net.prunableNames()) {
            float[] v = w.get(name).values();
            float[] a = found.get(name).values();
            float[] b = inverted.get(name).values();
            for (int j = 0; j < v.length; j++) {
                assertFalse(a[j] != 0 && b[j] != 0, "at density 0.2 the two masks are disjoint");
                if (a[j] != 0) {
                    smallestKept = Math.min(smallestKept, Math.abs(v[j]));
                }
                if (b[j] != 0) {
                    largestInverted = Math.max(largestInverted, Math.abs(v[j]));
                }
            }
        }
        assertTrue(largestInverted <= smallestKept, largestInverted + " > " + smallestKept);
        // SynFlow inverts in every round and still keeps the requested count
        PruneAtInitSpec sf = PruneAtInitSpec.of(PaiMethod.SYNFLOW, 0.1, 1).withRounds(4);
        assertEquals(Math.round(0.1 * net.prunableCount()),
                Masks.kept(pai.pruneInverted(sf, w, null, null, InitScheme.KAIMING_NORMAL).masks()));
    }
}
