package dev.jackpot.prune;

import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ranking every score-based strategy shares: among the entries a mask still keeps, remove the
 * {@code m} lowest-scoring ones. Order (weak-lth.md section 3.1): ascending score, then tensor
 * order, then flat index, so ties resolve identically on every run. {@code -0.0} ranks as
 * {@code +0.0}; a NaN score is an error.
 *
 * <p>Each candidate is one {@code long} key, the order-preserving integer image of its score in
 * the high 32 bits and its position (tensor offset plus flat index) in the low 32, sorted once:
 * {@code O(R log R)} for R candidates.
 */
final class Selection {

    private Selection() {
    }

    /** The eligible tensor names: the masks' names minus the excluded ones (which must exist). */
    static List<String> eligible(TensorSet masks, Set<String> excluded) {
        Set<String> names = new HashSet<>(masks.names());
        for (String e : excluded) {
            if (!names.contains(e)) {
                throw new IllegalArgumentException("Excluded tensor " + e + " is not among the prunable tensors "
                        + masks.names() + ".");
            }
        }
        List<String> out = new ArrayList<>();
        for (String n : masks.names()) {
            if (!excluded.contains(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * Prunes by score.
     *
     * @param scores     one score tensor per mask (same names and shapes); only kept entries are read
     * @param masks      current masks (validated 0/1), not modified
     * @param excluded   tensors left untouched
     * @param scope      GLOBAL: {@code globalKeep} ones stay over all eligible tensors; LAYERWISE:
     *                   {@code layerKeep.get(name)} ones stay in each eligible tensor
     * @param globalKeep total to keep (GLOBAL)
     * @param layerKeep  per-tensor counts to keep (LAYERWISE)
     */
    static PruneResult keepTop(TensorSet scores, TensorSet masks, Set<String> excluded, PruneScope scope,
                               long globalKeep, Map<String, Long> layerKeep) {
        return keepTop(scores, masks, excluded, scope, globalKeep, layerKeep, globalKeep, layerKeep);
    }

    /**
     * Prunes by score to the achieved counts {@code globalKeep} / {@code layerKeep}, recording the
     * counting rule's nominal counts {@code globalRequested} / {@code layerRequested} as requested
     * (a reference {@link CountingRule} removes ties at its threshold, so the two may differ).
     */
    static PruneResult keepTop(TensorSet scores, TensorSet masks, Set<String> excluded, PruneScope scope,
                               long globalKeep, Map<String, Long> layerKeep, long globalRequested,
                               Map<String, Long> layerRequested) {
        Masks.validate(masks);
        Masks.validateAgainst(masks, scores);
        List<String> eligible = eligible(masks, excluded);
        Map<String, float[]> out = new LinkedHashMap<>();
        for (NamedTensor m : masks) {
            out.put(m.name(), m.values().clone());
        }
        if (scope == PruneScope.GLOBAL) {
            removeLowest(scores, masks, out, eligible, Masks.kept(subset(masks, eligible)) - globalKeep);
        } else {
            for (String name : eligible) {
                long keep = layerKeep.get(name);
                removeLowest(scores, masks, out, List.of(name), Masks.kept(masks.get(name)) - keep);
            }
        }
        List<NamedTensor> newMasks = new ArrayList<>();
        List<LayerCount> counts = new ArrayList<>();
        long requested = 0;
        long target = 0;
        long kept = 0;
        long eligibleSize = 0;
        for (NamedTensor m : masks) {
            NamedTensor nm = new NamedTensor(m.name(), m.shape().clone(), out.get(m.name()));
            newMasks.add(nm);
            boolean ex = excluded.contains(m.name());
            long k = Masks.kept(nm);
            long req = ex ? k : scope == PruneScope.LAYERWISE ? layerRequested.get(m.name()) : -1;
            counts.add(new LayerCount(m.name(), m.size(), Masks.kept(m), req, k, ex));
            if (!ex) {
                kept += k;
                eligibleSize += m.size();
                requested += scope == PruneScope.LAYERWISE ? req : 0;
                target += scope == PruneScope.LAYERWISE ? layerKeep.get(m.name()) : 0;
            }
        }
        if (scope == PruneScope.GLOBAL) {
            requested = globalRequested;
            target = globalKeep;
        }
        if (target != kept) {
            throw new IllegalStateException("Pruning kept " + kept + " weights where " + target + " were to be kept.");
        }
        return new PruneResult(TensorSet.of(newMasks), counts, requested, kept, eligibleSize);
    }

    private static TensorSet subset(TensorSet set, List<String> names) {
        List<NamedTensor> l = new ArrayList<>();
        for (String n : names) {
            l.add(set.get(n));
        }
        return TensorSet.of(l);
    }

    private static void removeLowest(TensorSet scores, TensorSet masks, Map<String, float[]> out,
                                     List<String> group, long m) {
        if (m < 0) {
            throw new IllegalArgumentException("Cannot keep more weights than remain in " + group + ": asked to keep "
                    + (-m) + " more than the " + Masks.kept(subset(masks, group)) + " that remain; masks never regrow.");
        }
        if (m == 0) {
            return;
        }
        long total = 0;
        for (String n : group) {
            total += masks.get(n).size();
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Cannot rank more than " + Integer.MAX_VALUE + " entries at once, got "
                    + total + ".");
        }
        long[] keys = new long[(int) Masks.kept(subset(masks, group))];
        int c = 0;
        long offset = 0;
        for (String n : group) {
            float[] s = scores.get(n).values();
            float[] mv = masks.get(n).values();
            for (int i = 0; i < mv.length; i++) {
                if (mv[i] != 0f) {
                    float score = s[i];
                    if (Float.isNaN(score)) {
                        throw new IllegalArgumentException("The score of " + n + " at flat index " + i
                                + " is NaN; scores must be numbers (did training diverge?).");
                    }
                    keys[c++] = ((long) sortable(score) << 32) | (offset + i);
                }
            }
            offset += mv.length;
        }
        Arrays.sort(keys);
        int[] starts = new int[group.size() + 1];
        long off = 0;
        for (int g = 0; g < group.size(); g++) {
            starts[g] = (int) off;
            off += masks.get(group.get(g)).size();
        }
        starts[group.size()] = (int) off;
        for (int r = 0; r < m; r++) {
            int pos = (int) (keys[r] & 0xFFFFFFFFL);
            int g = Arrays.binarySearch(starts, pos);
            if (g < 0) {
                g = -g - 2;
            } else {
                while (g + 1 < starts.length - 1 && starts[g + 1] == pos) {
                    g++;
                }
            }
            out.get(group.get(g))[pos - starts[g]] = 0f;
        }
    }

    /**
     * @return the scores of the entries the masks keep in {@code group}, ascending, -0.0 as +0.0
     * @throws IllegalArgumentException if one is NaN
     */
    static float[] sortedRemaining(TensorSet scores, TensorSet masks, List<String> group) {
        float[] out = new float[(int) Masks.kept(subset(masks, group))];
        int c = 0;
        for (String n : group) {
            float[] sv = scores.get(n).values();
            float[] mv = masks.get(n).values();
            for (int i = 0; i < mv.length; i++) {
                if (mv[i] != 0f) {
                    if (Float.isNaN(sv[i])) {
                        throw new IllegalArgumentException("The score of " + n + " at flat index " + i
                                + " is NaN; scores must be numbers (did training diverge?).");
                    }
                    out[c++] = sv[i] + 0.0f;
                }
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** @return how many of the ascending {@code sorted} are {@code <= t} */
    static int countAtMost(float[] sorted, float t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** @return how many of the ascending {@code sorted} are {@code < t} */
    static int countBelow(float[] sorted, float t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** An int whose signed order is the float's numeric order; -0.0 maps like +0.0. */
    static int sortable(float score) {
        int bits = Float.floatToIntBits(score + 0.0f);
        return bits >= 0 ? bits : bits ^ 0x7FFFFFFF;
    }
}
