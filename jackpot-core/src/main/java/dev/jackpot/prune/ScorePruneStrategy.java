package dev.jackpot.prune;

import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keep-top-k by score, one shot, to a target density: the selection step of pruning at
 * initialisation (weak-lth.md section 5). The engine computes the scores:
 * <ul>
 *   <li>SNIP (Lee et al., ICLR 2019): {@code s = |g ⊙ w|};</li>
 *   <li>GraSP (Wang et al., ICLR 2020): {@code S = −w ⊙ (H g)}, and GraSP removes the <em>highest</em>
 *       {@code S} (alecwangcq/GraSP; weak-lth.md 5.2), i.e. keeps the lowest: select with
 *       {@code inverted = true} on {@code S}, or keep-top-k on {@code w ⊙ Hg};</li>
 *   <li>SynFlow (Tanaka et al., NeurIPS 2020): {@code s = |w ⊙ ∂R/∂w|}, applied iteratively at the
 *       densities {@code d^(r/n)} by calling this strategy once per round.</li>
 * </ul>
 * The kept count is {@code round(d·N)} over the eligible tensors (GLOBAL) or per tensor (LAYERWISE),
 * ranked among the entries the current masks keep, ties by tensor order then flat index.
 * {@code inverted} keeps the lowest scores instead: the inverted-scores control of Frankle et al.,
 * "Pruning Neural Networks at Initialization: Why are We Missing the Mark?" (ICLR 2021), and
 * Synaptic-Flow's {@code --invert}.
 *
 * @param scope    GLOBAL or LAYERWISE
 * @param density  target density d in (0, 1] over the eligible tensors
 * @param excluded tensors never pruned
 * @param inverted keep the lowest scores (control)
 * @param counting EXACT (the default), or a reference's rule for a target density: SYNFLOW, SNIP or GRASP
 *                 (see {@link CountingRule}); the group is all eligible tensors (GLOBAL) or each tensor
 */
public record ScorePruneStrategy(PruneScope scope, double density, Set<String> excluded, boolean inverted,
                                 CountingRule counting) {

    /**
     * @throws IllegalArgumentException if the density is outside (0, 1] or the scope is missing
     */
    public ScorePruneStrategy {
        if (scope == null) {
            throw new IllegalArgumentException("The pruning scope is required (GLOBAL or LAYERWISE).");
        }
        if (!(density > 0 && density <= 1)) {
            throw new IllegalArgumentException("The target density must be in (0, 1], got " + density + ".");
        }
        excluded = Set.copyOf(excluded);
        counting = counting == null ? CountingRule.EXACT : counting;
        if (!counting.forDensity()) {
            throw new IllegalArgumentException("Counting rule " + counting + " counts IMP rounds; pruning to a target "
                    + "density uses EXACT, SYNFLOW, SNIP or GRASP.");
        }
    }

    /** Exact counts ({@link CountingRule#EXACT}). */
    public ScorePruneStrategy(PruneScope scope, double density, Set<String> excluded, boolean inverted) {
        this(scope, density, excluded, inverted, CountingRule.EXACT);
    }

    /**
     * @param scores one score tensor per mask, same names and shapes; higher is kept
     * @param masks  the current masks; the target must not exceed the ones they keep
     * @return the new masks with {@code round(d·N)} ones (per layer under LAYERWISE)
     * @throws IllegalArgumentException if a score is NaN, shapes differ, or the current masks keep fewer
     *                                  weights than the target
     */
    public PruneResult prune(TensorSet scores, TensorSet masks) {
        Masks.validate(masks);
        Masks.validateAgainst(masks, scores);
        TensorSet ranked = inverted ? negated(scores, masks) : scores;
        List<String> eligible = Selection.eligible(masks, excluded);
        if (counting != CountingRule.EXACT) {
            return reference(ranked, masks, eligible);
        }
        if (scope == PruneScope.GLOBAL) {
            long size = 0;
            for (String n : eligible) {
                size += masks.get(n).size();
            }
            return Selection.keepTop(ranked, masks, excluded, scope, Counting.keepForDensity(density, size), Map.of());
        }
        Map<String, Long> keep = new HashMap<>();
        for (String n : eligible) {
            keep.put(n, Counting.keepForDensity(density, masks.get(n).size()));
        }
        return Selection.keepTop(ranked, masks, excluded, scope, -1, keep);
    }

    /** The SYNFLOW, SNIP and GRASP rules, per group (all eligible tensors, or each one). */
    private PruneResult reference(TensorSet ranked, TensorSet masks, List<String> eligible) {
        List<List<String>> groups = new ArrayList<>();
        if (scope == PruneScope.GLOBAL) {
            groups.add(eligible);
        } else {
            eligible.forEach(n -> groups.add(List.of(n)));
        }
        Map<String, Long> keep = new HashMap<>();
        Map<String, Long> requested = new HashMap<>();
        long globalKeep = 0;
        long globalRequested = 0;
        for (List<String> group : groups) {
            long n = 0;
            for (String name : group) {
                n += masks.get(name).size();
            }
            float[] sorted = Selection.sortedRemaining(ranked, masks, group);
            long remaining = sorted.length;
            long[] kr = switch (counting) {
                case SYNFLOW -> synflow(sorted, n);
                case SNIP -> {
                    long k = (long) Math.rint(n * (1.0 - (1.0 - density)));
                    yield new long[] {k, k};
                }
                case GRASP -> grasp(sorted, n, remaining);
                default -> throw new IllegalStateException("unreachable: " + counting);
            };
            if (kr[0] > remaining) {
                throw new IllegalArgumentException("Counting rule " + counting + " keeps " + kr[0] + " weights of " + group
                        + " but only " + remaining + " remain; masks never regrow.");
            }
            globalKeep += kr[0];
            globalRequested += kr[1];
            if (scope == PruneScope.LAYERWISE) {
                keep.put(group.get(0), kr[0]);
                requested.put(group.get(0), kr[1]);
            }
        }
        return Selection.keepTop(ranked, masks, excluded, scope, globalKeep, keep, globalRequested, requested);
    }

    /**
     * Synaptic-Flow: k = floor((1 − d)·N) over all N entries, the pruned ones scoring 0; every remaining
     * score ≤ the k-th smallest goes. @return {achieved kept, requested kept}
     */
    private long[] synflow(float[] sorted, long n) {
        long k = (long) ((1.0 - density) * n);
        long pruned = n - sorted.length;
        if (k < 1) {
            return new long[] {sorted.length, n};
        }
        // The k-th smallest of [0 x pruned, sorted...] (1-based, as torch.kthvalue).
        float threshold;
        if (k <= pruned) {
            threshold = 0f;
        } else {
            float[] all = new float[(int) Math.min(Integer.MAX_VALUE, pruned + sorted.length)];
            System.arraycopy(sorted, 0, all, (int) pruned, sorted.length);
            Arrays.sort(all);
            threshold = all[(int) (k - 1)];
        }
        return new long[] {sorted.length - Selection.countAtMost(sorted, threshold), n - k};
    }

    /**
     * GraSP: m = floor(N·s); keep every score up to the m-th in removal order, i.e. remove those ranked
     * strictly below the m-th lowest kept-score. @return {achieved kept, requested kept}
     */
    private long[] grasp(float[] sorted, long n, long remaining) {
        long m = (long) (n * (1.0 - density));
        if (m == 0) {
            return new long[] {remaining, n};
        }
        if (m > remaining) {
            throw new IllegalArgumentException("GraSP's rule ranks the m = floor(" + n + " x " + (1.0 - density) + ") = "
                    + m + " highest-scoring weights, but only " + remaining + " remain.");
        }
        return new long[] {remaining - Selection.countBelow(sorted, sorted[(int) (m - 1)]), n - m};
    }

    private static TensorSet negated(TensorSet scores, TensorSet masks) {
        List<NamedTensor> out = new ArrayList<>();
        for (NamedTensor m : masks) {
            float[] s = scores.get(m.name()).values();
            float[] neg = new float[s.length];
            for (int i = 0; i < s.length; i++) {
                neg[i] = -s[i];
            }
            out.add(new NamedTensor(m.name(), m.shape().clone(), neg));
        }
        return TensorSet.of(out);
    }
}
