package dev.jackpot.prune;

import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
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
 */
public record ScorePruneStrategy(PruneScope scope, double density, Set<String> excluded, boolean inverted) {

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
