package dev.jackpot.subsetsum;

/**
 * Exact subset sum in O(2^{n/2}) time and O(2^{n/4}) memory (Schroeppel and Shamir, SIAM J. Comput.
 * 10(3), 1981), for plain instances (eps = 0) beyond the memory ceiling of
 * {@link MeetInTheMiddleSolver}.
 *
 * <p>The candidates are split into quarters A = x[0, q1), B = x[q1, h), C = x[h, q3), D = x[q3, n)
 * with h = floor(n/2), q1 = floor(h/2), q3 = h + floor((n - h)/2); the halves A+B and C+D are those of
 * the meet-in-the-middle solver. Each quarter's 2^{n/4} subset sums are built sorted, with their
 * index bitmasks, by the same merge as meet in the middle ({@link SortedSubsetSums}). Instead of storing the 2^{n/2} sums of a
 * half, the solver streams them in order: the sums l = a + b of the left half ascending, from a
 * min-heap holding, for every a in A, the next b of B not yet paired with it (pop the top, advance its
 * cursor into B, sift); the sums r = c + d of the right half descending, from the same heap run over
 * the negated candidates of C and D ((-c) + (-d) = -(c + d) exactly in floating point). The
 * two-pointer sweep of meet in the middle then runs on the two streams: with d = (l + r) - z, advance
 * the left stream when d &lt; 0 and the right one otherwise. Because floating-point addition is
 * monotone, every l + r skipped is no nearer z than a pair visited, so the sweep finds
 * min_S |sum_S x_i - z| over all 2^n subsets.
 *
 * <p>Cost: at most 2^{|A|+|B|} + 2^{|C|+|D|} heap steps of O(n/4) comparisons each, so O(n 2^{n/2})
 * time; memory 4 sorted quarter lists (12 bytes per sum) and 2 heaps (16 bytes per entry), about
 * 2^{n/4} x 80 bytes: 5 MB at n = 64 ({@link #peakArrayBytes}). The sweep allocates nothing.
 *
 * <p>Ties: the empty subset (error |z|) is the initial best, and a pair replaces the best only when it
 * is strictly nearer, so among equally near subsets the first met in the sweep is returned (the empty
 * one if it ties, so target 0 gives the empty subset). The sweep order is a function of the input
 * alone: each quarter list is sorted stably (equal sums keep the order of their construction), heap
 * entries with equal sums come out by increasing position of their A (or C) sum, and the search stops
 * at the first pair with residual exactly 0. The same problem therefore always gives the same subset.
 * Sums are accumulated as in meet in the middle (each quarter's sum in increasing index order, then
 * a + b, c + d and (l + r) - z in double), so both find the same optimum up to rounding in the last
 * bits; the result's sum and error are recomputed from the subset by {@link SubsetSumProblem#sumOf}.
 *
 * <p>Beyond n of about 52 (candidates of order 1) the optimum falls to the resolution of a double
 * (about 1e-16), so "exact" means optimal up to that rounding, and a sum equal to z in double ends the
 * search early.
 *
 * <p>Only eps = 0 is supported: the perturbed objective depends on |S| as well as the sum, which meet
 * in the middle handles with one list per size (n &lt;= 44) and the grid solver at any n.
 */
public final class SchroeppelShamirSolver implements SubsetSumSolver {

    /**
     * The largest n accepted: quarters of at most 16 candidates (int masks). Measured on one core:
     * 4 s at n = 48, 17 s at 52, 35 s at 56, 86 s at 60; n = 64 should take several minutes.
     */
    public static final int MAX_N = 64;

    /** The name in results. */
    public static final String NAME = "schroeppel-shamir";

    private static final SchroeppelShamirSolver INSTANCE = new SchroeppelShamirSolver();

    private SchroeppelShamirSolver() {
    }

    /** @return the solver (stateless) */
    public static SchroeppelShamirSolver create() {
        return INSTANCE;
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if n &gt; {@link #MAX_N} or eps &gt; 0
     */
    @Override
    public SubsetSumResult solve(SubsetSumProblem problem) {
        int n = problem.size();
        if (n > MAX_N) {
            throw new IllegalArgumentException("the Schroeppel-Shamir solver handles at most n = " + MAX_N
                    + " values (2^" + (MAX_N / 2) + " heap steps per half, minutes), got n = " + n + "; use the grid solver");
        }
        if (problem.eps() != 0) {
            throw new IllegalArgumentException("the Schroeppel-Shamir solver handles plain subset sum (eps = 0) only, got "
                    + "eps = " + problem.eps() + "; use the meet-in-the-middle solver (n <= " + MeetInTheMiddleSolver.MAX_N
                    + ") or the grid solver");
        }
        double[] x = problem.values();
        int h = n / 2;
        int q1 = h / 2;
        int q3 = h + (n - h) / 2;
        double[] negated = new double[n];
        for (int i = 0; i < n; i++) {
            negated[i] = -x[i];
        }
        SortedSubsetSums a = quarter(x, 0, q1);
        SortedSubsetSums b = quarter(x, q1, h - q1);
        SortedSubsetSums c = quarter(negated, h, q3 - h);
        SortedSubsetSums d = quarter(negated, q3, n - q3);
        PairStream left = new PairStream(a.sumsArray(), b.sumsArray());
        PairStream right = new PairStream(c.sumsArray(), d.sumsArray());
        int[] ma = a.masksArray();
        int[] mb = b.masksArray();
        int[] mc = c.masksArray();
        int[] md = d.masksArray();
        double z = problem.target();
        double best = Math.abs(z);
        boolean found = false;
        int ba = 0;
        int bb = 0;
        int bc = 0;
        int bd = 0;
        while (left.size > 0 && right.size > 0) {
            // right.top() = -(c + d) exactly, so this is (l + r) - z.
            double dist = (left.top() - right.top()) - z;
            double ad = Math.abs(dist);
            if (ad < best) {
                best = ad;
                found = true;
                ba = left.first();
                bb = left.second();
                bc = right.first();
                bd = right.second();
                if (ad == 0) {
                    break;
                }
            }
            if (dist < 0) {
                left.advance();
            } else {
                right.advance();
            }
        }
        int[] subset = new int[0];
        if (found) {
            long mask = (long) ma[ba] | (long) mb[bb] << q1 | (long) mc[bc] << h | (long) md[bd] << q3;
            subset = new int[Long.bitCount(mask)];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if ((mask >>> i & 1) != 0) {
                    subset[k++] = i;
                }
            }
        }
        return SubsetSumResult.of(problem, subset, 0, true, NAME);
    }

    /**
     * The bytes of the arrays the solver holds at its peak for n candidates: the four quarter lists
     * (a double sum and an int mask per subset) and the equal-sized spare buffers each keeps for its
     * merges ({@link SortedSubsetSums}), the two heaps (a double key and a long position per entry) and the negated
     * candidates. Object headers and the JVM's own use are not counted.
     *
     * @param n the number of candidates, in [0, {@link #MAX_N}]
     * @return the bytes
     * @throws IllegalArgumentException if n is out of range
     */
    public static long peakArrayBytes(int n) {
        if (n < 0 || n > MAX_N) {
            throw new IllegalArgumentException("n must be in [0, " + MAX_N + "], got " + n);
        }
        int h = n / 2;
        int q1 = h / 2;
        int q3 = h + (n - h) / 2;
        long a = 1L << q1;
        long b = 1L << (h - q1);
        long c = 1L << (q3 - h);
        long d = 1L << (n - q3);
        long lists = 2 * 12 * (a + b + c + d);
        long heaps = 16 * (a + c);
        return lists + heaps + 8L * n;
    }

    /**
     * The 2^len subset sums of x[from, from + len), ascending, with masks relative to the quarter: the
     * merge of {@link SortedSubsetSums} (on equal sums the subset without the newer candidate first).
     * The table's capacity is len, so its buffers hold exactly the 2^len entries.
     */
    private static SortedSubsetSums quarter(double[] x, int from, int len) {
        return new SortedSubsetSums(len).fill(x, from, len);
    }

    /**
     * The sums u[i] + v[j] over all pairs, in ascending order, from a binary min-heap over primitive
     * arrays: entry k has key u[i] + v[j] and position i &lt;&lt; 32 | j; keys are ordered by value,
     * then by i. For a fixed i the keys grow with j, so the heap need hold only the next j of each i.
     */
    private static final class PairStream {
        private final double[] u;
        private final double[] v;
        private final double[] keys;
        private final long[] positions;
        int size;

        PairStream(double[] u, double[] v) {
            this.u = u;
            this.v = v;
            size = u.length;
            keys = new double[size];
            positions = new long[size];
            // u ascending, so u[i] + v[0] ascending in i: the array is already a heap.
            for (int i = 0; i < size; i++) {
                keys[i] = u[i] + v[0];
                positions[i] = (long) i << 32;
            }
        }

        /** @return the smallest sum not yet passed (size &gt; 0) */
        double top() {
            return keys[0];
        }

        /** @return the index into u of {@link #top()} */
        int first() {
            return (int) (positions[0] >>> 32);
        }

        /** @return the index into v of {@link #top()} */
        int second() {
            return (int) positions[0];
        }

        /** Passes the smallest sum. */
        void advance() {
            long pos = positions[0];
            int i = (int) (pos >>> 32);
            int j = (int) pos + 1;
            double key;
            if (j < v.length) {
                key = u[i] + v[j];
                pos++;
            } else {
                size--;
                key = keys[size];
                pos = positions[size];
            }
            siftDown(key, pos);
        }

        /** Places (key, pos) from the root down to where it belongs. */
        private void siftDown(double key, long pos) {
            double[] k = keys;
            long[] p = positions;
            int n = size;
            int at = 0;
            int child = 1;
            while (child < n) {
                int right = child + 1;
                if (right < n && (k[right] < k[child] || (k[right] == k[child] && p[right] < p[child]))) {
                    child = right;
                }
                double ck = k[child];
                if (ck < key || (ck == key && p[child] < pos)) {
                    k[at] = ck;
                    p[at] = p[child];
                    at = child;
                    child = 2 * at + 1;
                } else {
                    break;
                }
            }
            k[at] = key;
            p[at] = pos;
        }
    }
}
