package dev.jackpot.prune;

import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Operations on masks: a mask set is a {@link TensorSet} with one tensor per prunable parameter,
 * of the parameter's name and shape, whose values are exactly {@code 0.0f} (pruned) or
 * {@code 1.0f} (kept). Excluded parameters carry an all-ones mask.
 *
 * <p>Masking semantics (weak-lth.md section 2): the effective weight is {@code W ⊙ M}; after every
 * update the trainer sets {@code W ← W ⊙ M}, so every saved state holds exact zeros under the mask.
 * A masked entry counts as zero when it compares equal to {@code 0.0f}; {@code -0.0f} (the IEEE
 * product of a negative weight and 0) therefore counts as zero, and {@link #apply} writes {@code +0.0f}.
 */
public final class Masks {

    private static final int ONE_BITS = Float.floatToRawIntBits(1.0f);

    private Masks() {
    }

    /**
     * @param weights the parameters
     * @param names   the prunable parameters' names, each in {@code weights}
     * @return all-ones masks for the named parameters, in the given order
     * @throws IllegalArgumentException if a name is missing from {@code weights}
     */
    public static TensorSet ones(TensorSet weights, List<String> names) {
        List<NamedTensor> masks = new ArrayList<>(names.size());
        for (String name : names) {
            NamedTensor w = weights.get(name);
            float[] v = new float[w.size()];
            Arrays.fill(v, 1.0f);
            masks.add(new NamedTensor(name, w.shape().clone(), v));
        }
        return TensorSet.of(masks);
    }

    /**
     * Checks that every value is exactly {@code 0.0f} or {@code 1.0f} (bit patterns; {@code -0.0f},
     * NaN and 0.5 are rejected).
     *
     * @param masks the masks
     * @throws IllegalArgumentException naming the tensor, the index and the value of the first bad entry
     */
    public static void validate(TensorSet masks) {
        for (NamedTensor m : masks) {
            float[] v = m.values();
            for (int i = 0; i < v.length; i++) {
                int bits = Float.floatToRawIntBits(v[i]);
                if (bits != 0 && bits != ONE_BITS) {
                    throw new IllegalArgumentException("Mask " + m.name() + " has value " + v[i] + " at flat index " + i
                            + "; mask values must be exactly 0 or 1.");
                }
            }
        }
    }

    /**
     * Checks that every mask has a parameter of the same name and shape.
     *
     * @param masks   the masks
     * @param weights the parameters
     * @throws IllegalArgumentException if a mask has no parameter or a different shape
     */
    public static void validateAgainst(TensorSet masks, TensorSet weights) {
        for (NamedTensor m : masks) {
            if (!weights.contains(m.name())) {
                throw new IllegalArgumentException("Mask " + m.name() + " has no parameter of that name; parameters are "
                        + weights.names() + ".");
            }
            NamedTensor w = weights.get(m.name());
            if (!Arrays.equals(m.shape(), w.shape())) {
                throw new IllegalArgumentException("Mask " + m.name() + " has shape " + Arrays.toString(m.shape())
                        + " but the parameter has shape " + Arrays.toString(w.shape()) + ".");
            }
        }
    }

    /** @return the number of ones in the mask */
    public static long kept(NamedTensor mask) {
        long n = 0;
        for (float x : mask.values()) {
            if (x != 0f) {
                n++;
            }
        }
        return n;
    }

    /** @return the number of ones over all masks of the set */
    public static long kept(TensorSet masks) {
        long n = 0;
        for (NamedTensor m : masks) {
            n += kept(m);
        }
        return n;
    }

    /**
     * @param masks the masks
     * @return density over every tensor of the set: ones / elements (1 for an empty set)
     */
    public static double density(TensorSet masks) {
        long total = masks.elementCount();
        return total == 0 ? 1.0 : (double) kept(masks) / total;
    }

    /**
     * @param masks the masks
     * @param names the tensors forming the denominator, e.g. the eligible ones
     * @return ones / elements over the named tensors (1 when there are none)
     */
    public static double density(TensorSet masks, Collection<String> names) {
        long kept = 0;
        long total = 0;
        for (String name : names) {
            NamedTensor m = masks.get(name);
            kept += kept(m);
            total += m.size();
        }
        return total == 0 ? 1.0 : (double) kept / total;
    }

    /** @return each mask's density, in the set's order */
    public static Map<String, Double> densityPerLayer(TensorSet masks) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (NamedTensor m : masks) {
            out.put(m.name(), (double) kept(m) / m.size());
        }
        return out;
    }

    /**
     * Sets {@code W ← W ⊙ M} in place: every masked entry becomes {@code +0.0f}; kept entries are
     * untouched (bit-identical).
     *
     * @param weights the parameters (modified)
     * @param masks   the masks; parameters without a mask are untouched
     * @throws IllegalArgumentException if a mask does not match its parameter
     */
    public static void apply(TensorSet weights, TensorSet masks) {
        validateAgainst(masks, weights);
        for (NamedTensor m : masks) {
            float[] w = weights.get(m.name()).values();
            float[] mv = m.values();
            for (int i = 0; i < w.length; i++) {
                if (mv[i] == 0f) {
                    w[i] = 0f;
                }
            }
        }
    }

    /** @return a masked deep copy of {@code weights}; see {@link #apply} */
    public static TensorSet applied(TensorSet weights, TensorSet masks) {
        TensorSet copy = weights.copy();
        apply(copy, masks);
        return copy;
    }

    /**
     * @param weights the parameters
     * @param masks   the masks
     * @return the number of masked entries that are not zero ({@code ±0.0f} counts as zero)
     */
    public static long maskedNonZero(TensorSet weights, TensorSet masks) {
        validateAgainst(masks, weights);
        long n = 0;
        for (NamedTensor m : masks) {
            float[] w = weights.get(m.name()).values();
            float[] mv = m.values();
            for (int i = 0; i < w.length; i++) {
                if (mv[i] == 0f && w[i] != 0f) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * The core invariant: masked weights are exactly zero.
     *
     * @param weights the parameters
     * @param masks   the masks
     * @param what    names the weights in the message, e.g. "final weights of level 3"
     * @throws IllegalStateException naming the first masked non-zero entry
     */
    public static void requireMaskedZero(TensorSet weights, TensorSet masks, String what) {
        validateAgainst(masks, weights);
        for (NamedTensor m : masks) {
            float[] w = weights.get(m.name()).values();
            float[] mv = m.values();
            for (int i = 0; i < w.length; i++) {
                if (mv[i] == 0f && w[i] != 0f) {
                    throw new IllegalStateException("The " + what + " hold " + w[i] + " at " + m.name() + "[" + i
                            + "], which the mask prunes; masked weights must be exactly zero ("
                            + maskedNonZero(weights, masks) + " such entries in all).");
                }
            }
        }
    }

    /**
     * @param child  the later masks, {@code M_L}
     * @param parent the earlier masks, {@code M_(L-1)}, with the same names and shapes
     * @return whether {@code M_L ≤ M_(L-1)} entrywise (no pruned weight regrows)
     */
    public static boolean isNested(TensorSet child, TensorSet parent) {
        requireSameLayout(child, parent);
        for (NamedTensor c : child) {
            float[] cv = c.values();
            float[] pv = parent.get(c.name()).values();
            for (int i = 0; i < cv.length; i++) {
                if (cv[i] > pv[i]) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Jaccard index (intersection over union) of the kept sets, overall and per layer:
     * {@code J(A, B) = |A ∩ B| / |A ∪ B|}, 1 when both are empty.
     *
     * @param a masks
     * @param b masks with the same names and shapes
     * @return the overlap
     */
    public static MaskOverlap overlap(TensorSet a, TensorSet b) {
        requireSameLayout(a, b);
        Map<String, Double> perLayer = new LinkedHashMap<>();
        long inter = 0;
        long union = 0;
        for (NamedTensor ta : a) {
            float[] av = ta.values();
            float[] bv = b.get(ta.name()).values();
            long li = 0;
            long lu = 0;
            for (int i = 0; i < av.length; i++) {
                boolean x = av[i] != 0f;
                boolean y = bv[i] != 0f;
                if (x && y) {
                    li++;
                }
                if (x || y) {
                    lu++;
                }
            }
            perLayer.put(ta.name(), lu == 0 ? 1.0 : (double) li / lu);
            inter += li;
            union += lu;
        }
        return new MaskOverlap(union == 0 ? 1.0 : (double) inter / union, inter, union, perLayer);
    }

    static void requireSameLayout(TensorSet a, TensorSet b) {
        if (!a.names().equals(b.names())) {
            throw new IllegalArgumentException("The two mask sets hold different tensors: " + a.names() + " and "
                    + b.names() + ".");
        }
        for (NamedTensor t : a) {
            if (!Arrays.equals(t.shape(), b.get(t.name()).shape())) {
                throw new IllegalArgumentException("Mask " + t.name() + " has shape " + Arrays.toString(t.shape())
                        + " in one set and " + Arrays.toString(b.get(t.name()).shape()) + " in the other.");
            }
        }
    }
}
