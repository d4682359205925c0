package dev.jackpot.subsetsum;

import dev.jackpot.check.Checks;

import java.util.Objects;

/**
 * All 2^n subset sums of candidates x_1..x_n in ascending order, each with the bitmask of its subset
 * (bit i set when x_i is in it), and the nearest-sum query over them.
 *
 * <p>The list is built without sorting: the sorted sums of the first i candidates are the merge of
 * the sorted sums of the first i - 1 with the same list shifted by x_i (adding a constant is monotone
 * in floating point, so the shifted copy stays sorted). The merges cost 2^1 + ... + 2^n &lt; 2^{n+1}
 * steps in all, against O(2^n n) for sorting, and run in two pairs of buffers that {@link #fill}
 * reuses, so one instance serves many candidate vectors without allocating.
 *
 * <p>Every sum is accumulated as ((0 + x_{i1}) + x_{i2}) + ... over its subset's indices in increasing
 * order, exactly as {@link SubsetSumProblem#sumOf} does, so a stored sum is bit-identical to the sum
 * recomputed from its mask. The empty subset (sum 0, mask 0) is included.
 *
 * <p>Used by {@link MeetInTheMiddleSolver} for its two halves and by the direct (shared-candidate)
 * Pensia construction, where one table per candidate vector answers every target by a binary search
 * (design note strong-lth.md section 5.1, "Shared candidates"). An instance is not thread-safe.
 */
public final class SortedSubsetSums {

    /** The most candidates accepted: 2 x 2^26 sums and masks take about 1.5 GiB. */
    public static final int MAX_N = 26;

    private final int capacity;
    private double[] sums;
    private int[] masks;
    private double[] spareSums;
    private int[] spareMasks;
    private int size;
    private int n;

    /**
     * An empty table for up to {@code capacity} candidates (buffers of 2^capacity sums and masks).
     *
     * @param capacity the most candidates {@link #fill} will be given, in [0, {@link #MAX_N}]
     * @throws IllegalArgumentException naming the value when the capacity is outside [0, MAX_N]
     */
    public SortedSubsetSums(int capacity) {
        if (capacity < 0 || capacity > MAX_N) {
            throw new IllegalArgumentException("a sorted subset-sum table holds all 2^n sums and accepts 0 <= n <= "
                    + MAX_N + " candidates, got " + capacity);
        }
        this.capacity = capacity;
        int len = 1 << capacity;
        sums = new double[len];
        masks = new int[len];
        spareSums = new double[len];
        spareMasks = new int[len];
        size = 1;
    }

    /**
     * A table of the subset sums of {@code values}.
     *
     * @param values the candidates, each finite, at most {@link #MAX_N}
     * @return the filled table
     * @throws IllegalArgumentException naming the value when there are too many candidates or one is not finite
     */
    public static SortedSubsetSums of(double[] values) {
        Objects.requireNonNull(values, "values");
        SortedSubsetSums t = new SortedSubsetSums(values.length);
        t.fill(values, 0, values.length);
        return t;
    }

    /**
     * Replaces the table's contents with the subset sums of {@code values[from .. from + len)}; bit j of
     * a mask stands for {@code values[from + j]}.
     *
     * @param values the candidates
     * @param from   the first candidate's index
     * @param len    the number of candidates, at most the capacity
     * @return this table
     * @throws IllegalArgumentException naming the value when the range is out of bounds, longer than the
     *                                  capacity, or a candidate is not finite
     */
    public SortedSubsetSums fill(double[] values, int from, int len) {
        Objects.requireNonNull(values, "values");
        if (from < 0 || len < 0 || from + len > values.length) {
            throw new IllegalArgumentException("the candidate range [" + from + ", " + (from + len)
                    + ") must lie within the " + values.length + " values");
        }
        if (len > capacity) {
            throw new IllegalArgumentException("this table holds the sums of at most " + capacity
                    + " candidates, got " + len);
        }
        for (int j = 0; j < len; j++) {
            Checks.finite("values[" + (from + j) + "]", values[from + j]);
        }
        sums[0] = 0;
        masks[0] = 0;
        int count = 1;
        for (int j = 0; j < len; j++) {
            merge(count, values[from + j], 1 << j);
            count *= 2;
        }
        size = count;
        n = len;
        return this;
    }

    /**
     * Merges sums[0..count) with sums[0..count) + v (masks | bit) into the spare buffers, then swaps.
     * Ties take the list without the new candidate first.
     */
    private void merge(int count, double v, int bit) {
        double[] s = sums;
        int[] m = masks;
        double[] os = spareSums;
        int[] om = spareMasks;
        int i = 0;
        int j = 0;
        int o = 0;
        double a = s[0];
        double b = s[0] + v;
        while (i < count && j < count) {
            if (a <= b) {
                os[o] = a;
                om[o++] = m[i++];
                a = i < count ? s[i] : 0;
            } else {
                os[o] = b;
                om[o++] = m[j++] | bit;
                b = j < count ? s[j] + v : 0;
            }
        }
        while (i < count) {
            os[o] = s[i];
            om[o++] = m[i++];
        }
        while (j < count) {
            os[o] = s[j] + v;
            om[o++] = m[j++] | bit;
        }
        spareSums = s;
        spareMasks = m;
        sums = os;
        masks = om;
    }

    /** @return the number of candidates of the current contents */
    public int candidates() {
        return n;
    }

    /** @return the number of sums, 2^n */
    public int size() {
        return size;
    }

    /**
     * @param k the rank, in [0, size)
     * @return the k-th smallest subset sum
     */
    public double sum(int k) {
        Objects.checkIndex(k, size);
        return sums[k];
    }

    /**
     * @param k the rank, in [0, size)
     * @return the bitmask of the subset with the k-th smallest sum
     */
    public int mask(int k) {
        Objects.checkIndex(k, size);
        return masks[k];
    }

    /**
     * The rank of a sum nearest {@code z}: min over all 2^n subsets of |sum - z|, exactly, by binary
     * search. Of two sums equally near, the smaller is taken; of equal sums, the first in the list.
     *
     * @param z the target, finite
     * @return the rank k of a nearest sum
     * @throws IllegalArgumentException if z is not finite
     */
    public int nearest(double z) {
        Checks.finite("target", z);
        // first rank whose sum is >= z
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sums[mid] < z) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo == size) {
            return size - 1;
        }
        if (lo == 0) {
            return 0;
        }
        // the last rank below z: walk back over equal sums to the first of them
        int below = lo - 1;
        double sb = sums[below];
        while (below > 0 && sums[below - 1] == sb) {
            below--;
        }
        return z - sb <= sums[lo] - z ? below : lo;
    }

    /** Package access for the meet-in-the-middle sweep: the sums array (valid up to {@link #size}). */
    double[] sumsArray() {
        return sums;
    }

    /** Package access for the meet-in-the-middle sweep: the masks array (valid up to {@link #size}). */
    int[] masksArray() {
        return masks;
    }
}
