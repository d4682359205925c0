package dev.jackpot.mask;

import java.util.Arrays;
import java.util.Objects;

/**
 * A binary mask M in {0,1}^{d x K} of a one-hidden-layer network, stored as one sorted index list
 * per hidden neuron: {@code support(j)} lists the inputs i with M[i][j] = 1, so r_j = its length.
 *
 * <p>Kernels iterate over these lists, so their cost scales with the number of unpruned weights
 * sum_j r_j rather than with d x K. Immutable; accessors return copies.
 */
public final class SupportMask {

    private final int inputs;
    private final int[][] supports;

    private SupportMask(int inputs, int[][] supports) {
        this.inputs = inputs;
        this.supports = supports;
    }

    /**
     * Builds a mask from index lists; each list is copied, sorted and checked.
     *
     * @param inputs   input dimension d, positive
     * @param supports for each neuron j, the distinct indices in [0, d) it keeps
     * @return the mask
     * @throws IllegalArgumentException if an index is out of range or repeated, or there are no neurons
     */
    public static SupportMask of(int inputs, int[][] supports) {
        Objects.requireNonNull(supports, "supports");
        if (inputs <= 0) {
            throw new IllegalArgumentException("the input dimension d must be positive, got " + inputs);
        }
        if (supports.length == 0) {
            throw new IllegalArgumentException("a mask needs at least one neuron, got 0");
        }
        int[][] copy = new int[supports.length][];
        for (int j = 0; j < supports.length; j++) {
            int[] s = supports[j].clone();
            Arrays.sort(s);
            for (int k = 0; k < s.length; k++) {
                if (s[k] < 0 || s[k] >= inputs) {
                    throw new IllegalArgumentException(
                            "neuron " + j + " keeps input " + s[k] + ", outside [0, " + inputs + ")");
                }
                if (k > 0 && s[k] == s[k - 1]) {
                    throw new IllegalArgumentException("neuron " + j + " keeps input " + s[k] + " twice");
                }
            }
            copy[j] = s;
        }
        return new SupportMask(inputs, copy);
    }

    /**
     * The mask that keeps every weight (a dense learner).
     *
     * @param inputs  input dimension d
     * @param neurons number of neurons K
     * @return the all-ones mask
     */
    public static SupportMask dense(int inputs, int neurons) {
        int[] all = new int[inputs];
        for (int i = 0; i < inputs; i++) {
            all[i] = i;
        }
        int[][] supports = new int[neurons][];
        for (int j = 0; j < neurons; j++) {
            supports[j] = all.clone();
        }
        return of(inputs, supports);
    }

    /**
     * The mask of the nonzero entries of W (rows are neurons).
     *
     * @param weights K x d weights
     * @return the mask of W != 0
     */
    public static SupportMask nonzero(double[][] weights) {
        int[][] supports = new int[weights.length][];
        for (int j = 0; j < weights.length; j++) {
            double[] row = weights[j];
            supports[j] = Arrays.stream(indices(row.length)).filter(i -> row[i] != 0.0).toArray();
        }
        return of(weights[0].length, supports);
    }

    private static int[] indices(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /** @return the input dimension d */
    public int inputs() {
        return inputs;
    }

    /** @return the number of neurons K */
    public int neurons() {
        return supports.length;
    }

    /**
     * @param j neuron index
     * @return r_j, the number of inputs neuron j keeps
     */
    public int size(int j) {
        return supports[j].length;
    }

    /**
     * @param j neuron index
     * @return a copy of the sorted support of neuron j
     */
    public int[] support(int j) {
        return supports[j].clone();
    }

    /**
     * Read-only access for kernels in this library; callers must not modify the arrays.
     *
     * @return the internal support arrays
     */
    public int[][] supportsView() {
        return supports;
    }

    /** @return the number of unpruned weights, sum_j r_j */
    public int nonzeros() {
        int total = 0;
        for (int[] s : supports) {
            total += s.length;
        }
        return total;
    }

    /** @return r_ave = (sum_j r_j) / K */
    public double averageSize() {
        return (double) nonzeros() / supports.length;
    }

    /**
     * @param j neuron
     * @param i input
     * @return whether M[i][j] = 1
     */
    public boolean contains(int j, int i) {
        return Arrays.binarySearch(supports[j], i) >= 0;
    }

    /**
     * delta_{jk} of eq. (5): whether the supports of neurons j and k intersect. delta_jj = 1 for a
     * nonempty support.
     *
     * @param j a neuron
     * @param k another neuron (or the same)
     * @return whether the two supports share an index
     */
    public boolean overlaps(int j, int k) {
        int[] a = supports[j];
        int[] b = supports[k];
        int p = 0;
        int q = 0;
        while (p < a.length && q < b.length) {
            if (a[p] == b[q]) {
                return true;
            }
            if (a[p] < b[q]) {
                p++;
            } else {
                q++;
            }
        }
        return false;
    }

    /** @return sum over ordered pairs (j, k) of delta_jk, at most K^2 */
    public int overlapCount() {
        int count = 0;
        for (int j = 0; j < supports.length; j++) {
            for (int k = 0; k < supports.length; k++) {
                count += overlaps(j, k) ? 1 : 0;
            }
        }
        return count;
    }

    /**
     * Zeroes every entry of W outside the mask (W := M . W).
     *
     * @param weights K x d weights (modified)
     */
    public void apply(double[][] weights) {
        for (int j = 0; j < supports.length; j++) {
            double[] row = weights[j];
            int[] s = supports[j];
            int p = 0;
            for (int i = 0; i < row.length; i++) {
                if (p < s.length && s[p] == i) {
                    p++;
                } else {
                    row[i] = 0.0;
                }
            }
        }
    }

    /**
     * Mask accuracy of paper section 4.2: ||M* . M||_0 / ||M*||_0, the fraction of the oracle's
     * weights that this mask keeps (columns aligned, no permutation).
     *
     * @param oracle the oracle mask M*
     * @return a value in [0, 1]
     */
    public double accuracyAgainst(SupportMask oracle) {
        if (oracle.inputs != inputs || oracle.neurons() != neurons()) {
            throw new IllegalArgumentException("masks differ in shape: " + shape() + " vs " + oracle.shape());
        }
        int kept = 0;
        for (int j = 0; j < supports.length; j++) {
            for (int i : oracle.supports[j]) {
                kept += contains(j, i) ? 1 : 0;
            }
        }
        return (double) kept / oracle.nonzeros();
    }

    /** @return the pruning ratio 1 - r_ave / d of paper section 4.2, in [0, 1] */
    public double pruningRatio() {
        return 1.0 - averageSize() / inputs;
    }

    /** @return the density sum_j r_j / (d K) */
    public double density() {
        return (double) nonzeros() / ((double) inputs * supports.length);
    }

    private String shape() {
        return inputs + "x" + supports.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SupportMask m && m.inputs == inputs && Arrays.deepEquals(m.supports, supports);
    }

    @Override
    public int hashCode() {
        return 31 * inputs + Arrays.deepHashCode(supports);
    }

    @Override
    public String toString() {
        return "SupportMask[d=" + inputs + ", K=" + supports.length + ", nonzeros=" + nonzeros() + "]";
    }
}
