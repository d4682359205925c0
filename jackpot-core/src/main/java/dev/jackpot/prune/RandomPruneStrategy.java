package dev.jackpot.prune;

import dev.jackpot.rng.Rng;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The random-pruning controls (OpenLTH {@code randomly_prune}; weak-lth.md section 3.4): a mask
 * drawn uniformly at random, not nested in anything, with
 * <ul>
 *   <li>LAYERWISE: the same number of ones in each eligible tensor as the reference mask (the
 *       "layerwise shuffle" of Frankle et al., ICLR 2021: only per-layer densities are kept);</li>
 *   <li>GLOBAL: the same total number of ones, uniform over all eligible entries.</li>
 * </ul>
 * Each selection is a uniform k-subset (partial Fisher-Yates) from the given generator, which the
 * caller derives by name ({@code Seeds.stream(seed, "random-prune-layerwise", level)}).
 *
 * @param scope    LAYERWISE or GLOBAL
 * @param excluded tensors kept all ones
 */
public record RandomPruneStrategy(PruneScope scope, Set<String> excluded) {

    /**
     * @throws IllegalArgumentException if the scope is missing
     */
    public RandomPruneStrategy {
        if (scope == null) {
            throw new IllegalArgumentException("The random-pruning scope is required (GLOBAL or LAYERWISE).");
        }
        excluded = Set.copyOf(excluded);
    }

    /**
     * @param reference the masks whose counts to match
     * @param rng       the generator (advanced)
     * @return a random mask with the reference's per-layer counts (LAYERWISE) or total count (GLOBAL)
     */
    public PruneResult matching(TensorSet reference, Rng rng) {
        Masks.validate(reference);
        List<String> eligible = Selection.eligible(reference, excluded);
        List<NamedTensor> out = new ArrayList<>();
        for (NamedTensor m : reference) {
            float[] v = new float[m.size()];
            if (excluded.contains(m.name())) {
                Arrays.fill(v, 1f);
            }
            out.add(new NamedTensor(m.name(), m.shape().clone(), v));
        }
        TensorSet masks = TensorSet.of(out);
        long total = 0;
        long kept = 0;
        for (String n : eligible) {
            total += reference.get(n).size();
            kept += Masks.kept(reference.get(n));
        }
        if (scope == PruneScope.LAYERWISE) {
            for (String n : eligible) {
                float[] v = masks.get(n).values();
                for (int i : rng.sample(range(v.length), (int) Masks.kept(reference.get(n)))) {
                    v[i] = 1f;
                }
            }
        } else {
            if (total > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Global random pruning supports at most " + Integer.MAX_VALUE
                        + " eligible weights, got " + total + ".");
            }
            int[] starts = new int[eligible.size() + 1];
            for (int g = 0; g < eligible.size(); g++) {
                starts[g + 1] = starts[g] + reference.get(eligible.get(g)).size();
            }
            for (int pos : rng.sample(range((int) total), (int) kept)) {
                int g = Arrays.binarySearch(starts, pos);
                g = g < 0 ? -g - 2 : g;
                masks.get(eligible.get(g)).values()[pos - starts[g]] = 1f;
            }
        }
        List<LayerCount> counts = new ArrayList<>();
        for (NamedTensor m : masks) {
            boolean ex = excluded.contains(m.name());
            long k = Masks.kept(m);
            long req = ex || scope == PruneScope.LAYERWISE ? Masks.kept(reference.get(m.name())) : -1;
            counts.add(new LayerCount(m.name(), m.size(), m.size(), req, k, ex));
        }
        return new PruneResult(masks, counts, kept, Masks.kept(subset(masks, eligible)), total);
    }

    private static TensorSet subset(TensorSet set, List<String> names) {
        List<NamedTensor> l = new ArrayList<>();
        for (String n : names) {
            l.add(set.get(n));
        }
        return TensorSet.of(l);
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
