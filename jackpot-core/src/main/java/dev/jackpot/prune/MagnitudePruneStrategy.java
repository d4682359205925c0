package dev.jackpot.prune;

import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One round of iterative magnitude pruning (Frankle and Carbin, ICLR 2019; weak-lth.md 3.1):
 * score every remaining eligible entry by {@code |w|} and remove the {@code m} lowest, with
 * <ul>
 *   <li>GLOBAL: {@code m = ceil(p·R)}, R the remaining count over all eligible tensors, ranked
 *       across tensors (OpenLTH's {@code sparse_global} with R over eligible tensors only);</li>
 *   <li>LAYERWISE: {@code m_l = ceil(p_l·R_l)} per tensor, {@code p_l} from {@code layerRates} or
 *       {@code rate} (e.g. 20% on hidden layers, 10% on the output layer).</li>
 * </ul>
 * Ties are broken by score, then tensor order, then flat index. After n rounds of layer-wise
 * pruning the density is {@link DensitySchedule#closedForm} up to rounding.
 *
 * @param scope      GLOBAL or LAYERWISE
 * @param rate       prune fraction p in (0, 1): the global rate, or the default per-layer rate
 * @param layerRates per-layer rates overriding {@code rate} (LAYERWISE only), each in (0, 1)
 * @param excluded   prunable tensors never pruned (their masks stay all ones)
 * @param counting   EXACT (the default), or a reference's rule: OPENLTH (GLOBAL scope) or LTH_TF
 *                   (LAYERWISE scope); see {@link CountingRule}
 */
public record MagnitudePruneStrategy(PruneScope scope, double rate, Map<String, Double> layerRates,
                                     Set<String> excluded, CountingRule counting) implements PruningStrategy {

    /**
     * @throws IllegalArgumentException if a rate is outside (0, 1), a per-layer rate is given with GLOBAL
     *                                  scope, or a tensor is both excluded and given a rate
     */
    public MagnitudePruneStrategy {
        if (scope == null) {
            throw new IllegalArgumentException("The pruning scope is required (GLOBAL or LAYERWISE).");
        }
        checkRate("rate", rate);
        layerRates = Map.copyOf(layerRates);
        excluded = Set.copyOf(excluded);
        layerRates.forEach((k, v) -> checkRate("The rate of " + k, v));
        if (scope == PruneScope.GLOBAL && !layerRates.isEmpty()) {
            throw new IllegalArgumentException("Per-layer rates " + layerRates + " apply only to LAYERWISE scope; "
                    + "GLOBAL scope uses one rate.");
        }
        for (String name : layerRates.keySet()) {
            if (excluded.contains(name)) {
                throw new IllegalArgumentException("Tensor " + name + " is both excluded and given a prune rate.");
            }
        }
        counting = counting == null ? CountingRule.EXACT : counting;
        if (!counting.forRounds()) {
            throw new IllegalArgumentException("Counting rule " + counting + " counts pruning to a target density; "
                    + "IMP rounds use EXACT, OPENLTH or LTH_TF.");
        }
        if (counting == CountingRule.OPENLTH && scope != PruneScope.GLOBAL) {
            throw new IllegalArgumentException("Counting rule OPENLTH is OpenLTH's sparse_global and needs GLOBAL scope, "
                    + "got " + scope + ".");
        }
        if (counting == CountingRule.LTH_TF && scope != PruneScope.LAYERWISE) {
            throw new IllegalArgumentException("Counting rule LTH_TF is prune_by_percent of the original lottery-ticket "
                    + "code, per layer, and needs LAYERWISE scope, got " + scope + ".");
        }
    }

    /** Exact counts ({@link CountingRule#EXACT}). */
    public MagnitudePruneStrategy(PruneScope scope, double rate, Map<String, Double> layerRates, Set<String> excluded) {
        this(scope, rate, layerRates, excluded, CountingRule.EXACT);
    }

    /** @return global pruning at rate p, nothing excluded */
    public static MagnitudePruneStrategy global(double rate) {
        return new MagnitudePruneStrategy(PruneScope.GLOBAL, rate, Map.of(), Set.of());
    }

    static void checkRate(String what, double rate) {
        if (!(rate > 0 && rate < 1)) {
            throw new IllegalArgumentException(what + " must be a fraction in (0, 1), got " + rate + ".");
        }
    }

    /** @return the rate of the tensor */
    public double rateOf(String name) {
        return layerRates.getOrDefault(name, rate);
    }

    @Override
    public PruneResult prune(TensorSet weights, TensorSet masks) {
        Masks.validate(masks);
        Masks.validateAgainst(masks, weights);
        for (String name : layerRates.keySet()) {
            if (!masks.contains(name)) {
                throw new IllegalArgumentException("A prune rate is given for " + name
                        + ", which is not among the prunable tensors " + masks.names() + ".");
            }
        }
        List<String> eligible = Selection.eligible(masks, excluded);
        TensorSet scores = magnitudes(weights, masks);
        if (counting == CountingRule.OPENLTH) {
            return openLth(scores, masks, eligible);
        }
        if (counting == CountingRule.LTH_TF) {
            return lthTf(scores, masks, eligible);
        }
        if (scope == PruneScope.GLOBAL) {
            long remaining = 0;
            for (String n : eligible) {
                remaining += Masks.kept(masks.get(n));
            }
            long keep = remaining - Counting.removals(rate, remaining);
            return Selection.keepTop(scores, masks, new LinkedHashSet<>(excluded), scope, keep, Map.of());
        }
        Map<String, Long> keep = new HashMap<>();
        for (String n : eligible) {
            long r = Masks.kept(masks.get(n));
            keep.put(n, r - Counting.removals(rateOf(n), r));
        }
        return Selection.keepTop(scores, masks, new LinkedHashSet<>(excluded), scope, -1, keep);
    }

    /** OpenLTH sparse_global: m = ceil(p·R_all), remove every remaining eligible |w| <= sorted[m]. */
    private PruneResult openLth(TensorSet scores, TensorSet masks, List<String> eligible) {
        long all = Masks.kept(masks);
        long m = (long) Math.ceil(rate * all);
        float[] sorted = Selection.sortedRemaining(scores, masks, eligible);
        if (m >= sorted.length) {
            throw new IllegalArgumentException("OpenLTH's rule removes every |w| <= sorted[m] with m = ceil(" + rate + " x "
                    + all + ") = " + m + ", but only " + sorted.length + " eligible weights remain; the reference fails"
                    + " here too (index out of range).");
        }
        long removed = Selection.countAtMost(sorted, sorted[(int) m]);
        return Selection.keepTop(scores, masks, new LinkedHashSet<>(excluded), scope, sorted.length - removed, Map.of(),
                sorted.length - m, Map.of());
    }

    /** prune_by_percent: m_l = round-half-even(p_l·R_l), remove |w| <= sorted[m_l] in each layer. */
    private PruneResult lthTf(TensorSet scores, TensorSet masks, List<String> eligible) {
        Map<String, Long> keep = new HashMap<>();
        Map<String, Long> requested = new HashMap<>();
        for (String n : eligible) {
            float[] sorted = Selection.sortedRemaining(scores, masks, List.of(n));
            if (sorted.length == 0) {
                keep.put(n, 0L);
                requested.put(n, 0L);
                continue;
            }
            long m = (long) Math.rint(rateOf(n) * sorted.length);
            if (m >= sorted.length) {
                throw new IllegalArgumentException("prune_by_percent removes every |w| <= sorted[m] with m = round("
                        + rateOf(n) + " x " + sorted.length + ") = " + m + ", past the " + sorted.length
                        + " remaining weights of " + n + "; the reference fails here too (index out of range).");
            }
            keep.put(n, sorted.length - (long) Selection.countAtMost(sorted, sorted[(int) m]));
            requested.put(n, sorted.length - m);
        }
        return Selection.keepTop(scores, masks, new LinkedHashSet<>(excluded), scope, -1, keep, -1, requested);
    }

    /** {@code |w|} of each masked tensor. */
    static TensorSet magnitudes(TensorSet weights, TensorSet masks) {
        List<NamedTensor> out = new ArrayList<>();
        for (NamedTensor m : masks) {
            float[] w = weights.get(m.name()).values();
            float[] s = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                s[i] = Math.abs(w[i]);
            }
            out.add(new NamedTensor(m.name(), m.shape().clone(), s));
        }
        return TensorSet.of(out);
    }
}
