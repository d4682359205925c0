package dev.jackpot.subsetsum;

/**
 * Exact subset sum by meet in the middle (Horowitz and Sahni, J. ACM 21(2), 1974).
 *
 * <p>The candidates are split into halves A = x_1..x_{n/2} and B = the rest. The 2^{|A|} subset sums
 * of A are built already sorted, one candidate at a time, by merging the sorted list L with L + x_j
 * (O(2^{n/2}) in all, with each sum's index bitmask carried along); likewise B. A two-pointer sweep
 * (A ascending, B descending) then visits, for every sum a of A, the sums of B on either side of
 * z - a, so it finds min |a + b - z| over all 2^n subsets in O(2^{n/2}) steps. Time O(2^{n/2}),
 * memory about 2^{n/2} x 12 bytes per half plus the list being merged: n = 44 needs about 150 MB,
 * hence the limit {@link #MAX_N}.
 *
 * <p>With eps &gt; 0 the objective max(0, |a + b - z| - eps (|S_A| + |S_B|)) depends on the subset's
 * size as well as its sum, so each half's sorted sums are split, in order, into one list per size c
 * (the bit count of the mask), and the sweep runs for every pair of sizes (c_A, c_B), in increasing
 * order of c_A + c_B. Within a pair the size is fixed, so the nearest sum gives the pair's optimum;
 * a pair whose sums cannot come closer than the best so far (z's distance from
 * [min a + min b, max a + max b], less eps (c_A + c_B)) is skipped, and the search stops at the first
 * subset with error 0, which is therefore one of smallest size. Cost O(n 2^{n/2}) steps at worst.
 *
 * <p>Ties keep the first subset found; the empty subset (error |z|) is the initial best, so target 0
 * returns the empty subset. The result is optimal up to rounding in the last bits of the sums (a
 * half-sum is accumulated in a different order from {@link SubsetSumProblem#sumOf}).
 */
public final class MeetInTheMiddleSolver implements SubsetSumSolver {

    /** The largest n accepted: 2 x 2^22 half-sums, about 150 MB. */
    public static final int MAX_N = 44;

    /** The name in results. */
    public static final String NAME = "exact";

    private static final MeetInTheMiddleSolver INSTANCE = new MeetInTheMiddleSolver();

    private MeetInTheMiddleSolver() {
    }

    /** @return the solver (stateless) */
    public static MeetInTheMiddleSolver create() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if n &gt; {@link #MAX_N}
     */
    @Override
    public SubsetSumResult solve(SubsetSumProblem problem) {
        int n = problem.size();
        if (n > MAX_N) {
            throw new IllegalArgumentException("the exact meet-in-the-middle solver handles at most n = " + MAX_N
                    + " values (2^" + (MAX_N / 2) + " subset sums per half, about 150 MB), got n = " + n
                    + "; use the grid solver");
        }
        double[] x = problem.values();
        int na = n / 2;
        int nb = n - na;
        long[] masks = problem.eps() == 0 ? plain(x, na, nb, problem.target())
                : perturbed(x, na, nb, problem.target(), problem.eps());
        int[] subset = new int[Long.bitCount(masks[0]) + Long.bitCount(masks[1])];
        int k = 0;
        for (int i = 0; i < na; i++) {
            if ((masks[0] >>> i & 1) != 0) {
                subset[k++] = i;
            }
        }
        for (int j = 0; j < nb; j++) {
            if ((masks[1] >>> j & 1) != 0) {
                subset[k++] = na + j;
            }
        }
        return SubsetSumResult.of(problem, subset, 0, true, NAME);
    }

    /**
     * The bytes of the arrays the solver holds at its peak for n candidates (a double sum and an int
     * mask per subset sum): the sorted list of the first half, and the second half's list with the
     * equal-sized buffers it is merged in ({@link SortedSubsetSums}), 12 (2^{n_A} + 2 x 2^{n_B}); with
     * eps &gt; 0 the second half is then held twice (all sums, then split by size), which is the same
     * amount. Object headers and the JVM's own use are not counted.
     *
     * @param n   the number of candidates, in [0, {@link #MAX_N}]
     * @param eps the perturbation budget, non-negative
     * @return the bytes
     * @throws IllegalArgumentException if n is out of range
     */
    public static long peakArrayBytes(int n, double eps) {
        if (n < 0 || n > MAX_N) {
            throw new IllegalArgumentException("n must be in [0, " + MAX_N + "], got " + n);
        }
        long a = 1L << (n / 2);
        long b = 1L << (n - n / 2);
        return 12 * (a + 2 * b);
    }

    /** eps = 0: one sorted list per half; returns the best pair of half-masks. */
    private static long[] plain(double[] x, int na, int nb, double z) {
        SortedSums a = sorted(x, 0, na);
        SortedSums b = sorted(x, na, nb);
        double best = Math.abs(z);
        long[] masks = {0, 0};
        Sweep sweep = new Sweep();
        if (sweep.nearest(a, b, z, best, 0)) {
            masks[0] = a.masks[sweep.i];
            masks[1] = b.masks[sweep.j];
        }
        return masks;
    }

    /** eps &gt; 0: one sorted list per (half, size); returns the best pair of half-masks. */
    private static long[] perturbed(double[] x, int na, int nb, double z, double eps) {
        SortedSums[] a = bySize(x, 0, na);
        SortedSums[] b = bySize(x, na, nb);
        double best = Math.abs(z);
        long[] masks = {0, 0};
        Sweep sweep = new Sweep();
        for (int k = 1; k <= na + nb && best > 0; k++) {
            double slack = eps * k;
            for (int ca = Math.max(0, k - nb); ca <= Math.min(k, na) && best > 0; ca++) {
                SortedSums la = a[ca];
                SortedSums lb = b[k - ca];
                double lo = la.sums[0] + lb.sums[0];
                double hi = la.sums[la.size - 1] + lb.sums[lb.size - 1];
                double outside = Math.max(0, Math.max(lo - z, z - hi));
                if (Math.max(0, outside - slack) >= best) {
                    continue;
                }
                // The pair improves on best when its nearest distance is below best + slack.
                if (sweep.nearest(la, lb, z, best + slack, slack)) {
                    best = Math.max(0, sweep.distance - slack);
                    masks[0] = la.masks[sweep.i];
                    masks[1] = lb.masks[sweep.j];
                }
            }
        }
        return masks;
    }

    /** The subset sums of x[from..from+len) in ascending order ({@link SortedSubsetSums}). */
    private static SortedSums sorted(double[] x, int from, int len) {
        SortedSubsetSums t = new SortedSubsetSums(len).fill(x, from, len);
        return new SortedSums(t.sumsArray(), t.masksArray(), t.size());
    }

    /**
     * The subset sums of x[from..from+len) split by subset size: element c holds the C(len, c) sums
     * of size c, ascending (a stable distribution of the sorted list by the masks' bit counts).
     */
    private static SortedSums[] bySize(double[] x, int from, int len) {
        SortedSums all = sorted(x, from, len);
        int[] count = new int[len + 1];
        for (int k = 0; k < all.size; k++) {
            count[Integer.bitCount(all.masks[k])]++;
        }
        SortedSums[] lists = new SortedSums[len + 1];
        for (int c = 0; c <= len; c++) {
            lists[c] = new SortedSums(new double[count[c]], new int[count[c]], count[c]);
        }
        int[] fill = new int[len + 1];
        for (int k = 0; k < all.size; k++) {
            int c = Integer.bitCount(all.masks[k]);
            lists[c].sums[fill[c]] = all.sums[k];
            lists[c].masks[fill[c]++] = all.masks[k];
        }
        return lists;
    }

    /** Subset sums in ascending order with their index bitmasks (relative to the half). */
    private static final class SortedSums {
        final double[] sums;
        final int[] masks;
        final int size;

        SortedSums(double[] sums, int[] masks, int size) {
            this.sums = sums;
            this.masks = masks;
            this.size = size;
        }
    }

    /** The two-pointer sweep for min |a + b - z|, a in A, b in B, both ascending. */
    private static final class Sweep {
        int i;
        int j;
        double distance;

        /**
         * Finds the pair nearest z if its distance is below {@code bound}, stopping early at the first
         * pair within {@code enough} of z.
         *
         * @return whether such a pair was found (then {@link #i}, {@link #j}, {@link #distance} hold it)
         */
        boolean nearest(SortedSums a, SortedSums b, double z, double bound, double enough) {
            double[] as = a.sums;
            double[] bs = b.sums;
            int p = 0;
            int q = b.size - 1;
            double best = bound;
            boolean found = false;
            while (p < a.size && q >= 0) {
                double d = as[p] + bs[q] - z;
                double ad = Math.abs(d);
                if (ad < best) {
                    best = ad;
                    i = p;
                    j = q;
                    found = true;
                    if (ad <= enough) {
                        break;
                    }
                }
                if (d < 0) {
                    p++;
                } else {
                    q--;
                }
            }
            distance = best;
            return found;
        }
    }
}
