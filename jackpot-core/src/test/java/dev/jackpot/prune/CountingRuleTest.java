package dev.jackpot.prune;

import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The reference counting rules of weak-lth.md 3.2 on hand-computed cases, ties included. */
class CountingRuleTest {

    private static NamedTensor t(String name, float... v) {
        return new NamedTensor(name, new int[] {v.length}, v);
    }

    private static NamedTensor ones(String name, int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1f);
        return t(name, v);
    }

    private static LayerCount layer(PruneResult r, String name) {
        return r.layers().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void openLthCountsExcludedTensorsAndRemovesThroughTheThreshold() {
        // R = 5 eligible + 3 excluded = 8; m = ceil(0.2 x 8) = 2; sorted eligible |w| = .1 .2 .3 .5 .9; sorted[2] = .3
        TensorSet w = TensorSet.of(t("a", 0.5f, -0.1f, 0.3f, 0.2f, 0.9f), t("b", 1f, 1f, 1f));
        TensorSet m = TensorSet.of(ones("a", 5), ones("b", 3));
        MagnitudePruneStrategy open = new MagnitudePruneStrategy(PruneScope.GLOBAL, 0.2, Map.of(), Set.of("b"),
                CountingRule.OPENLTH);
        PruneResult r = open.prune(w, m);
        assertArrayEquals(new float[] {1f, 0f, 0f, 0f, 1f}, r.masks().get("a").values()); // m + 1 = 3 removed
        assertEquals(3, r.requestedKept()); // 5 - m
        assertEquals(2, r.kept());
        assertArrayEquals(new float[] {1f, 1f, 1f}, r.masks().get("b").values());
        // a tie at the threshold goes too: |w| = .1 .3 .3 .3 .9, sorted[2] = .3, so four go
        PruneResult tie = open.prune(TensorSet.of(t("a", 0.3f, 0.1f, 0.3f, -0.3f, 0.9f), t("b", 1f, 1f, 1f)), m);
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f, 1f}, tie.masks().get("a").values());
        assertEquals(1, tie.kept());
        // Jackpot's exact rule: ceil(0.2 x 5) = 1 removed
        assertEquals(4, new MagnitudePruneStrategy(PruneScope.GLOBAL, 0.2, Map.of(), Set.of("b")).prune(w, m).kept());
    }

    @Test
    void lthTfRoundsHalfToEvenPerLayerAndRemovesMPlusOne() {
        // a: R = 10, 0.25 x 10 = 2.5 -> 2 (half to even), sorted[2] removed and below: 3 go
        // b: R = 6, 0.25 x 6 = 1.5 -> 2, sorted[2] = .3 tied three times: 5 go
        TensorSet w = TensorSet.of(t("a", 1f, 2f, 3f, 4f, 5f, 6f, 7f, 8f, 9f, 10f), t("b", 0.3f, 0.1f, 0.3f, 0.2f, 0.3f, 0.7f));
        TensorSet m = TensorSet.of(ones("a", 10), ones("b", 6));
        PruneResult r = new MagnitudePruneStrategy(PruneScope.LAYERWISE, 0.25, Map.of(), Set.of(), CountingRule.LTH_TF)
                .prune(w, m);
        assertEquals(8, layer(r, "a").requestedKept());
        assertEquals(7, layer(r, "a").kept());
        assertArrayEquals(new float[] {0f, 0f, 0f, 1f, 1f, 1f, 1f, 1f, 1f, 1f}, r.masks().get("a").values());
        assertEquals(4, layer(r, "b").requestedKept());
        assertEquals(1, layer(r, "b").kept());
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f, 0f, 1f}, r.masks().get("b").values());
        // exact: ceil(2.5) = 3 and ceil(1.5) = 2 removed
        PruneResult exact = new MagnitudePruneStrategy(PruneScope.LAYERWISE, 0.25, Map.of(), Set.of()).prune(w, m);
        assertEquals(7, layer(exact, "a").kept());
        assertEquals(4, layer(exact, "b").kept());
        assertEquals(layer(exact, "b").requestedKept(), layer(exact, "b").kept());
    }

    @Test
    void synflowFloorsAndRemovesEveryScoreUpToTheKthSmallest() {
        TensorSet s = TensorSet.of(t("a", 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f), t("b", 0.65f, 0.7f, 0.8f, 0.9f));
        TensorSet m = TensorSet.of(ones("a", 6), ones("b", 4));
        ScorePruneStrategy syn = new ScorePruneStrategy(PruneScope.GLOBAL, 0.35, Set.of(), false, CountingRule.SYNFLOW);
        // k = floor(0.65 x 10) = 6 removed, distinct scores
        PruneResult r = syn.prune(s, m);
        assertEquals(4, r.requestedKept());
        assertEquals(4, r.kept());
        assertArrayEquals(new float[] {1f, 1f, 1f, 1f}, r.masks().get("b").values());
        // a tie with the 6th smallest goes too
        TensorSet tie = TensorSet.of(t("a", 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f), t("b", 0.6f, 0.7f, 0.8f, 0.9f));
        assertEquals(3, syn.prune(tie, m).kept());
        // two entries already pruned count as score 0 among the N = 10: the 6th smallest of
        // 0 0 .3 .4 .5 .6 .6 .7 .8 .9 is .6, so .3 .4 .5 .6 .6 go and 3 of the 8 remaining stay
        TensorSet part = TensorSet.of(t("a", 0f, 0f, 1f, 1f, 1f, 1f), ones("b", 4));
        PruneResult p = syn.prune(tie, part);
        assertEquals(3, p.kept());
        assertEquals(4, p.requestedKept());
        // k = floor(0.05 x 10) = 0 < 1: nothing
        assertEquals(10, new ScorePruneStrategy(PruneScope.GLOBAL, 0.95, Set.of(), false, CountingRule.SYNFLOW)
                .prune(s, m).kept());
        // exact: round(0.95 x 10) = 10 (9.5 half up)
        assertEquals(10, new ScorePruneStrategy(PruneScope.GLOBAL, 0.95, Set.of(), false).prune(s, m).kept());
    }

    @Test
    void snipKeepsRoundHalfToEvenExactly() {
        TensorSet s = TensorSet.of(t("a", 0.5f, 0.5f, 0.5f, 0.1f, 0.2f, 0.3f, 0.4f, 0.6f, 0.7f, 0.05f));
        TensorSet m = TensorSet.of(ones("a", 10));
        // d = 0.25: N(1 - s) = 2.5 -> 2 (half to even); exact top-2 even with ties below
        PruneResult r = new ScorePruneStrategy(PruneScope.GLOBAL, 0.25, Set.of(), false, CountingRule.SNIP).prune(s, m);
        assertEquals(2, r.kept());
        assertEquals(2, r.requestedKept());
        assertArrayEquals(new float[] {0f, 0f, 0f, 0f, 0f, 0f, 0f, 1f, 1f, 0f}, r.masks().get("a").values());
        // d = 0.45: 4.5 -> 4, a tie at the cut (three 0.5) broken by flat index
        PruneResult tie = new ScorePruneStrategy(PruneScope.GLOBAL, 0.45, Set.of(), false, CountingRule.SNIP).prune(s, m);
        assertArrayEquals(new float[] {0f, 1f, 1f, 0f, 0f, 0f, 0f, 1f, 1f, 0f}, tie.masks().get("a").values());
        // Jackpot: 2.5 rounds half up to 3
        assertEquals(3, new ScorePruneStrategy(PruneScope.GLOBAL, 0.25, Set.of(), false).prune(s, m).kept());
    }

    @Test
    void graspRemovesOneFewerThanItsCountAndKeepsTies() {
        TensorSet m = TensorSet.of(ones("a", 10));
        ScorePruneStrategy g = new ScorePruneStrategy(PruneScope.GLOBAL, 0.35, Set.of(), false, CountingRule.GRASP);
        // m = floor(10 x 0.65) = 6; only those ranked strictly below the 6th go: 5
        PruneResult r = g.prune(TensorSet.of(t("a", 1f, 0.9f, 0.8f, 0.7f, 0.6f, 0.5f, 0.4f, 0.3f, 0.2f, 0.1f)), m);
        assertEquals(4, r.requestedKept());
        assertEquals(5, r.kept());
        assertArrayEquals(new float[] {1f, 1f, 1f, 1f, 1f, 0f, 0f, 0f, 0f, 0f}, r.masks().get("a").values());
        // ties at the 6th: .3 x 4 from rank 3 to 6; only .1 and .2 go
        PruneResult tie = g.prune(TensorSet.of(t("a", 0.1f, 0.2f, 0.3f, 0.3f, 0.3f, 0.3f, 0.7f, 0.8f, 0.9f, 1f)), m);
        assertEquals(8, tie.kept());
        // GraSP's own orientation (remove the highest S) through the inverted selection: same counts
        PruneResult inv = new ScorePruneStrategy(PruneScope.GLOBAL, 0.35, Set.of(), true, CountingRule.GRASP)
                .prune(TensorSet.of(t("a", -1f, -0.9f, -0.8f, -0.7f, -0.6f, -0.5f, -0.4f, -0.3f, -0.2f, -0.1f)), m);
        assertArrayEquals(r.masks().get("a").values(), inv.masks().get("a").values());
    }

    @Test
    void rulesApplyOnlyWhereTheReferenceDoes() {
        assertThrows(IllegalArgumentException.class, () -> new MagnitudePruneStrategy(PruneScope.LAYERWISE, 0.2, Map.of(),
                Set.of(), CountingRule.OPENLTH));
        assertThrows(IllegalArgumentException.class, () -> new MagnitudePruneStrategy(PruneScope.GLOBAL, 0.2, Map.of(),
                Set.of(), CountingRule.LTH_TF));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MagnitudePruneStrategy(PruneScope.GLOBAL, 0.2, Map.of(), Set.of(), CountingRule.SNIP));
        assertTrue(e.getMessage().contains("target density"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ScorePruneStrategy(PruneScope.GLOBAL, 0.2, Set.of(),
                false, CountingRule.OPENLTH));
        // OpenLTH's index past the remaining weights is an error with a sentence, as the reference fails there
        TensorSet w = TensorSet.of(t("a", 1f, 2f), t("b", 1f, 1f, 1f, 1f, 1f, 1f, 1f, 1f));
        TensorSet m = TensorSet.of(ones("a", 2), ones("b", 8));
        IllegalArgumentException past = assertThrows(IllegalArgumentException.class, () -> new MagnitudePruneStrategy(
                PruneScope.GLOBAL, 0.5, Map.of(), Set.of("b"), CountingRule.OPENLTH).prune(w, m));
        assertTrue(past.getMessage().contains("index out of range"), past.getMessage());
    }

    @Test
    void impWithTheReferenceRuleRecordsRequestedAgainstAchievedPerLayer() throws java.io.IOException {
        TinyMlpTrainer trainer = new TinyMlpTrainer(3, 20);
        ImpSpec spec = ImpSpec.of(3, 0.2, 20, 5).withLayerwise(0.2, Map.of("fc2.weight", 0.1))
                .withCounting(CountingRule.LTH_TF);
        java.util.List<LevelResult> levels = new ImpRunner(spec, trainer, new InMemoryLevelStore(), LevelListener.NONE).run();
        for (int l = 1; l <= 3; l++) {
            PruneResult p = levels.get(l).main().prune();
            for (LayerCount c : p.layers()) {
                // m = round(p R) half to even; m + 1 removed when the magnitudes are distinct
                long r = c.keptBefore();
                long m = (long) Math.rint(spec.strategy().rateOf(c.name()) * r);
                assertEquals(r - m, c.requestedKept(), c.name());
                assertEquals(r - m - 1, c.kept(), "level " + l + " " + c.name());
            }
            assertTrue(Masks.isNested(p.masks(), levels.get(l - 1).main().masks()));
        }
    }
}
