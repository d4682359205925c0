package dev.jackpot.prune;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.jackpot.prune.MasksTest.t;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PruneStrategyTest {

    static TensorSet randomWeights(long seed, int... sizes) {
        Rng rng = Rng.of(seed);
        List<NamedTensor> l = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            float[] v = new float[sizes[i]];
            for (int j = 0; j < v.length; j++) {
                v[j] = (float) rng.nextGaussian();
            }
            l.add(t("w" + i, v));
        }
        return TensorSet.of(l);
    }

    @Test
    void countingRuleIsExactForDecimalRates() {
        assertEquals(200, Counting.removals(0.2, 1000));
        assertEquals(47040, Counting.removals(0.2, 235200));
        assertEquals(30106, Counting.removals(0.2, 150528)); // 30105.6 rounds up
        assertEquals(1, Counting.removals(0.2, 1));
        assertEquals(0, Counting.removals(0.2, 0));
        assertEquals(3, Counting.removals(0.1, 30)); // 0.1*30 = 3.0000000000000004 in binary
        assertEquals(35, Counting.keepForDensity(0.35, 100));
        assertEquals(2, Counting.keepForDensity(0.5, 3)); // half rounds up
        assertEquals(1, Counting.keepForDensity(1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> Counting.removals(1.0, 5));
        assertThrows(IllegalArgumentException.class, () -> Counting.keepForDensity(0, 5));
        assertThrows(IllegalArgumentException.class, () -> Counting.keepForDensity(Double.NaN, 5));
    }

    @Test
    void globalMagnitudeRemovesExactCountAndSeparatesThresholds() {
        TensorSet w = randomWeights(1, 100, 37, 10);
        TensorSet m = Masks.ones(w, w.names());
        PruneResult r = MagnitudePruneStrategy.global(0.2).prune(w, m);
        assertEquals(147 - 30, r.kept()); // ceil(0.2*147) = 30
        assertEquals(r.requestedKept(), r.kept());
        float maxPruned = 0;
        float minKept = Float.POSITIVE_INFINITY;
        for (NamedTensor mask : r.masks()) {
            float[] wv = w.get(mask.name()).values();
            for (int i = 0; i < wv.length; i++) {
                if (mask.values()[i] == 0f) {
                    maxPruned = Math.max(maxPruned, Math.abs(wv[i]));
                } else {
                    minKept = Math.min(minKept, Math.abs(wv[i]));
                }
            }
        }
        assertTrue(minKept >= maxPruned);
        // a second round ranks only the survivors and stays nested
        PruneResult r2 = MagnitudePruneStrategy.global(0.2).prune(w, r.masks());
        assertEquals(117 - 24, r2.kept());
        assertTrue(Masks.isNested(r2.masks(), r.masks()));
    }

    @Test
    void layerwiseRatesAndExclusions() {
        TensorSet w = randomWeights(2, 50, 40, 10);
        TensorSet m = Masks.ones(w, w.names());
        MagnitudePruneStrategy s = new MagnitudePruneStrategy(PruneScope.LAYERWISE, 0.2, Map.of("w1", 0.1),
                Set.of("w2"));
        PruneResult r = s.prune(w, m);
        assertEquals(40, Masks.kept(r.masks().get("w0")));
        assertEquals(36, Masks.kept(r.masks().get("w1")));
        assertEquals(10, Masks.kept(r.masks().get("w2")));
        assertTrue(r.layers().get(2).excluded());
        assertEquals(40, r.layers().get(0).requestedKept());
        assertEquals(76, r.kept());
        assertEquals(90, r.eligibleSize());
        for (LayerCount c : r.layers()) {
            assertEquals(c.requestedKept(), c.kept());
        }
    }

    @Test
    void tiesBreakByTensorOrderThenIndex() {
        TensorSet w = TensorSet.of(t("a", 1, -1, 0.0f, 2), t("b", -0.0f, 1, 3));
        TensorSet m = Masks.ones(w, w.names());
        // 7 remaining, ceil(0.5*7) = 4 removed: the zeros a[2], b[0] (-0.0 ties +0.0, tensor a first), then
        // the |1| ties in order a[0], a[1]; b[1] survives.
        PruneResult r = new MagnitudePruneStrategy(PruneScope.GLOBAL, 0.5, Map.of(), Set.of()).prune(w, m);
        assertArrayEquals(new float[]{0, 0, 0, 1}, r.masks().get("a").values());
        assertArrayEquals(new float[]{0, 1, 1}, r.masks().get("b").values());
    }

    @Test
    void nanScoreIsAnError() {
        TensorSet w = TensorSet.of(t("a", 1, Float.NaN, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MagnitudePruneStrategy.global(0.2).prune(w, Masks.ones(w, w.names())));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void badExclusionOrRateIsReported() {
        TensorSet w = randomWeights(3, 5);
        TensorSet m = Masks.ones(w, w.names());
        assertThrows(IllegalArgumentException.class,
                () -> new MagnitudePruneStrategy(PruneScope.GLOBAL, 0.2, Map.of(), Set.of("nope")).prune(w, m));
        assertThrows(IllegalArgumentException.class,
                () -> new MagnitudePruneStrategy(PruneScope.LAYERWISE, 0.2, Map.of("nope", 0.1), Set.of()).prune(w, m));
        assertThrows(IllegalArgumentException.class,
                () -> new MagnitudePruneStrategy(PruneScope.GLOBAL, 0.2, Map.of("w0", 0.1), Set.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new MagnitudePruneStrategy(PruneScope.LAYERWISE, 1.5, Map.of(), Set.of()));
    }

    @Test
    void oneShotAndScoreKeepTopK() {
        TensorSet w = randomWeights(4, 100, 30);
        TensorSet m = Masks.ones(w, w.names());
        PruneResult g = new OneShotPruneStrategy(PruneScope.GLOBAL, 0.1, Set.of()).prune(w, m);
        assertEquals(13, g.kept());
        PruneResult l = new OneShotPruneStrategy(PruneScope.LAYERWISE, 0.1, Set.of()).prune(w, m);
        assertEquals(10, Masks.kept(l.masks().get("w0")));
        assertEquals(3, Masks.kept(l.masks().get("w1")));
        // scores: keep-top-k equals keep the k highest; inverted keeps the k lowest
        TensorSet scores = TensorSet.of(t("a", 5, 1, 4, 2, 3));
        TensorSet ones = Masks.ones(scores, scores.names());
        assertArrayEquals(new float[]{1, 0, 1, 0, 0},
                new ScorePruneStrategy(PruneScope.GLOBAL, 0.4, Set.of(), false).prune(scores, ones).masks().get("a").values());
        assertArrayEquals(new float[]{0, 1, 0, 1, 0},
                new ScorePruneStrategy(PruneScope.GLOBAL, 0.4, Set.of(), true).prune(scores, ones).masks().get("a").values());
        // cannot keep more than remain
        TensorSet half = TensorSet.of(t("a", 1, 0, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ScorePruneStrategy(PruneScope.GLOBAL, 0.4, Set.of(), false).prune(scores, half));
    }

    @Test
    void randomControlsKeepCountsAndAreSeeded() {
        TensorSet w = randomWeights(5, 200, 60, 10);
        TensorSet ticket = new MagnitudePruneStrategy(PruneScope.LAYERWISE, 0.5, Map.of("w1", 0.2), Set.of("w2"))
                .prune(w, Masks.ones(w, w.names())).masks();
        RandomPruneStrategy layerwise = new RandomPruneStrategy(PruneScope.LAYERWISE, Set.of("w2"));
        PruneResult r = layerwise.matching(ticket, Seeds.stream(9, "random-prune-layerwise", 1));
        for (String n : ticket.names()) {
            assertEquals(Masks.kept(ticket.get(n)), Masks.kept(r.masks().get(n)), n);
        }
        assertTrue(r.masks().sameAs(layerwise.matching(ticket, Seeds.stream(9, "random-prune-layerwise", 1)).masks()));
        assertFalse(r.masks().sameAs(ticket));
        assertTrue(Masks.overlap(r.masks(), ticket).perLayer().get("w0") < 0.8);
        PruneResult g = new RandomPruneStrategy(PruneScope.GLOBAL, Set.of("w2"))
                .matching(ticket, Seeds.stream(9, "random-prune-global", 1));
        assertEquals(r.kept(), g.kept());
        assertEquals(100 + 48, g.kept());
        assertEquals(10, Masks.kept(g.masks().get("w2")));
        Masks.validate(g.masks());
    }

    @Test
    void globalRandomIsUniformOverEntries() {
        // 4000 draws of 1 kept out of 10 entries in two tensors: each entry about 400 times.
        TensorSet ref = TensorSet.of(t("a", 1, 0, 0, 0), t("b", 0, 0, 0, 0, 0, 0));
        int[] hits = new int[10];
        Rng rng = Seeds.stream(1, "uniformity");
        RandomPruneStrategy s = new RandomPruneStrategy(PruneScope.GLOBAL, Set.of());
        for (int i = 0; i < 4000; i++) {
            TensorSet m = s.matching(ref, rng).masks();
            for (int j = 0; j < 4; j++) {
                hits[j] += (int) m.get("a").values()[j];
            }
            for (int j = 0; j < 6; j++) {
                hits[4 + j] += (int) m.get("b").values()[j];
            }
        }
        for (int h : hits) {
            // binomial(4000, 0.1): sd 19; 6 sd bounds, false-failure rate below 1e-8 per entry
            assertTrue(Math.abs(h - 400) < 114, "hits " + java.util.Arrays.toString(hits));
        }
    }
}
