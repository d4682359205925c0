package dev.jackpot.subsetsum;

import dev.jackpot.check.Checks;

/**
 * Approximate subset sum by a pseudo-polynomial bitset programme on a grid of step delta, with
 * backtracking (the dynamic programme of Bellman for subset sum, on quantised values).
 *
 * <p>Each candidate is rounded to the grid, q_i = round(x_i / delta), with rounding error
 * r_i = q_i delta - x_i, |r_i| &lt;= delta / 2. The reachable quantised sums after i candidates form
 * a bitset, B_0 = {0}, B_i = B_{i-1} OR (B_{i-1} shifted by q_i), and every B_i is kept. The
 * reachable sum nearest z / delta is picked, and S is recovered backwards: candidate i is left out
 * when the current sum is already in B_{i-1}, otherwise taken. With eps &gt; 0 the bitsets are also
 * indexed by the subset size k (B_i[k] = B_{i-1}[k] OR (B_{i-1}[k-1] shifted by q_i)), and the pair
 * (sum, k) minimising max(0, |Q - z| - eps k) is picked, the smallest k among ties.
 *
 * <p><b>Bound.</b> Write Q(S) = delta sum_S q_i, so |Q(S) - s(S)| &lt;= sum_S |r_i|, and let F_Q be
 * the programme's optimum over quantised sums (exact on the grid). The objective is 1-Lipschitz in
 * the sum, so OPT &gt;= F_Q - R with R = sum_i |r_i|, and the returned subset's true error (recomputed
 * in double) exceeds OPT by at most
 * <pre>
 *   gap = error - max(0, F_Q - R)  &lt;=  R + sum_{i in S} |r_i|  &lt;=  n delta,
 * </pre>
 * which the result reports (the design note's |err| &lt;= OPT + (|S*| + |S|) delta / 2 is the same
 * bound before measuring the r_i). A result with gap 0 (for instance error 0) is proven optimal.
 * Bounds hold up to rounding in the last bits of double arithmetic.
 *
 * <p><b>Cost.</b> With W = sum_i |q_i| + 1 bits per set: time O(n W / 64) word operations and
 * memory (n + 1) W / 8 bytes for eps = 0; both (n + 1)(n + 2) / 2 times W / 64 words for eps &gt; 0.
 * For n = 60 candidates in [-1, 1] and delta = 1e-5 that is about 23 MB and a few milliseconds. An
 * instance whose tables would exceed {@link #MAX_TABLE_BYTES} is refused with the memory it needs.
 *
 * <p>The default step is {@link #DEFAULT_RELATIVE_STEP} times the largest |x_i| for eps = 0, and
 * {@link #DEFAULT_RELATIVE_STEP_PERTURBED} times it for eps &gt; 0 (the size-indexed tables are about
 * n / 2 times larger).
 */
public final class GridSolver implements SubsetSumSolver {

    /** The name in results. */
    public static final String NAME = "grid";

    /** Default delta / max |x_i| for eps = 0. */
    public static final double DEFAULT_RELATIVE_STEP = 1e-5;

    /** Default delta / max |x_i| for eps &gt; 0. */
    public static final double DEFAULT_RELATIVE_STEP_PERTURBED = 1e-4;

    /** The most memory the bitset tables of one instance may take: 256 MiB. */
    public static final long MAX_TABLE_BYTES = 256L << 20;

    /** The fixed step, or NaN for the default step relative to the values. */
    private final double step;

    private GridSolver(double step) {
        this.step = step;
    }

    /** @return a solver using the default step for each problem */
    public static GridSolver withDefaultStep() {
        return new GridSolver(Double.NaN);
    }

    /**
     * @param step the grid step delta, finite and positive
     * @return a solver with that step
     * @throws IllegalArgumentException naming the value when the step is not finite and positive
     */
    public static GridSolver withStep(double step) {
        Checks.positive("grid step", step);
        return new GridSolver(step);
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * @param problem an instance
     * @return the step this solver uses on it
     */
    public double stepFor(SubsetSumProblem problem) {
        if (!Double.isNaN(step)) {
            return step;
        }
        double scale = 0;
        for (int i = 0; i < problem.size(); i++) {
            scale = Math.max(scale, Math.abs(problem.value(i)));
        }
        if (scale == 0) {
            scale = 1;
        }
        return scale * (problem.eps() == 0 ? DEFAULT_RELATIVE_STEP : DEFAULT_RELATIVE_STEP_PERTURBED);
    }

    /**
     * An upper bound on the memory the tables need, from the values before rounding.
     *
     * @param problem an instance
     * @param step    a grid step
     * @return bytes (a double, as it may exceed a long for absurd steps)
     */
    static double tableBytes(SubsetSumProblem problem, double step) {
        int n = problem.size();
        double bits = n / 2.0 + 1;
        for (int i = 0; i < n; i++) {
            bits += Math.abs(problem.value(i)) / step;
        }
        double words = Math.ceil(bits / 64) + 1;
        double sets = problem.eps() == 0 ? n + 1.0 : (n + 1.0) * (n + 2.0) / 2;
        return sets * words * 8;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException naming the step and n when the tables would exceed
     *                                  {@link #MAX_TABLE_BYTES}
     */
    @Override
    public SubsetSumResult solve(SubsetSumProblem problem) {
        double delta = stepFor(problem);
        double bytes = tableBytes(problem, delta);
        if (bytes > MAX_TABLE_BYTES) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "grid step %s needs about %.0f MB of tables for n = %d values%s (limit %d MB); use a larger grid step",
                    delta, bytes / (1 << 20), problem.size(), problem.eps() == 0 ? "" : " with eps > 0",
                    MAX_TABLE_BYTES >> 20));
        }
        int n = problem.size();
        long[] q = new long[n];
        long neg = 0;
        long pos = 0;
        double roundingTotal = 0;
        for (int i = 0; i < n; i++) {
            double x = problem.value(i);
            q[i] = Math.round(x / delta);
            roundingTotal += Math.abs(q[i] * delta - x);
            if (q[i] < 0) {
                neg += q[i];
            } else {
                pos += q[i];
            }
        }
        Grid grid = new Grid(q, neg, pos - neg + 1, delta, problem.target());
        int[] subset;
        double quantisedOptimum;
        if (problem.eps() == 0) {
            long[][] layers = grid.plainLayers();
            long best = grid.nearest(layers[n]);
            quantisedOptimum = grid.distance(best);
            subset = grid.backtrack(layers, best);
        } else {
            long[][][] layers = grid.sizedLayers();
            long bestPosition = -1;
            int bestSize = 0;
            double bestValue = Double.POSITIVE_INFINITY;
            for (int k = 0; k <= n && bestValue > 0; k++) {
                long p = grid.nearest(layers[n][k]);
                if (p < 0) {
                    continue;
                }
                double value = Math.max(0, grid.distance(p) - problem.eps() * k);
                if (value < bestValue) {
                    bestValue = value;
                    bestPosition = p;
                    bestSize = k;
                }
            }
            quantisedOptimum = bestValue;
            subset = grid.backtrack(layers, bestPosition, bestSize);
        }
        double error = problem.errorOf(subset);
        double lowerBound = Math.max(0, quantisedOptimum - roundingTotal);
        double gap = Math.max(0, error - lowerBound);
        return SubsetSumResult.of(problem, subset, gap, gap == 0, NAME);
    }

    /** The quantised instance: bit p of a set stands for the grid sum (p + offset) delta. */
    private static final class Grid {
        final long[] q;
        final long offset;
        final long width;
        final int words;
        final double delta;
        final double target;

        Grid(long[] q, long offset, long width, double delta, double target) {
            this.q = q;
            this.offset = offset;
            this.width = width;
            this.words = (int) ((width + 63) >>> 6);
            this.delta = delta;
            this.target = target;
        }

        long[] start() {
            long[] set = new long[words];
            set(set, -offset);
            return set;
        }

        long[][] plainLayers() {
            int n = q.length;
            long[][] layers = new long[n + 1][];
            layers[0] = start();
            for (int i = 1; i <= n; i++) {
                layers[i] = layers[i - 1].clone();
                orShifted(layers[i - 1], layers[i], q[i - 1]);
            }
            return layers;
        }

        long[][][] sizedLayers() {
            int n = q.length;
            long[][][] layers = new long[n + 1][][];
            layers[0] = new long[][]{start()};
            for (int i = 1; i <= n; i++) {
                long[][] prev = layers[i - 1];
                long[][] cur = new long[i + 1][];
                for (int k = 0; k <= i; k++) {
                    cur[k] = k < i ? prev[k].clone() : new long[words];
                    if (k > 0) {
                        orShifted(prev[k - 1], cur[k], q[i - 1]);
                    }
                }
                layers[i] = cur;
            }
            return layers;
        }

        /** |(p + offset) delta - z|. */
        double distance(long p) {
            return Math.abs((p + offset) * delta - target);
        }

        /** The set bit nearest z / delta, the lower on a tie; -1 if the set is empty. */
        long nearest(long[] set) {
            double t = target / delta - offset;
            long below;
            long above;
            if (t >= width - 1) {
                below = prevSetBit(set, width - 1);
                above = -1;
            } else if (t <= 0) {
                below = -1;
                above = nextSetBit(set, 0);
            } else {
                below = prevSetBit(set, (long) Math.floor(t));
                above = nextSetBit(set, (long) Math.ceil(t));
            }
            if (below < 0) {
                return above;
            }
            if (above < 0) {
                return below;
            }
            return distance(above) < distance(below) ? above : below;
        }

        int[] backtrack(long[][] layers, long p) {
            int n = q.length;
            boolean[] in = new boolean[n];
            int count = 0;
            for (int i = n; i >= 1; i--) {
                if (!get(layers[i - 1], p)) {
                    in[i - 1] = true;
                    count++;
                    p -= q[i - 1];
                }
            }
            return indices(in, count, p);
        }

        int[] backtrack(long[][][] layers, long p, int k) {
            int n = q.length;
            boolean[] in = new boolean[n];
            int count = 0;
            for (int i = n; i >= 1; i--) {
                if (k > i - 1 || !get(layers[i - 1][k], p)) {
                    in[i - 1] = true;
                    count++;
                    p -= q[i - 1];
                    k--;
                }
            }
            if (k != 0) {
                throw new IllegalStateException("grid backtracking ended at size " + k + " instead of 0");
            }
            return indices(in, count, p);
        }

        private int[] indices(boolean[] in, int count, long p) {
            if (p != -offset) {
                throw new IllegalStateException("grid backtracking ended at position " + p + " instead of " + (-offset));
            }
            int[] subset = new int[count];
            int c = 0;
            for (int i = 0; i < in.length; i++) {
                if (in[i]) {
                    subset[c++] = i;
                }
            }
            return subset;
        }
    }

    static void set(long[] set, long p) {
        set[(int) (p >>> 6)] |= 1L << p;
    }

    static boolean get(long[] set, long p) {
        return (set[(int) (p >>> 6)] >>> p & 1L) != 0;
    }

    /** dst |= src shifted towards higher positions by {@code shift} (lower if negative); bits shifted out are dropped. */
    static void orShifted(long[] src, long[] dst, long shift) {
        int words = src.length;
        if (shift >= 0) {
            if (shift >= 64L * words) {
                return;
            }
            int ws = (int) (shift >>> 6);
            int bs = (int) (shift & 63);
            if (bs == 0) {
                for (int w = ws; w < words; w++) {
                    dst[w] |= src[w - ws];
                }
            } else {
                dst[ws] |= src[0] << bs;
                for (int w = ws + 1; w < words; w++) {
                    dst[w] |= (src[w - ws] << bs) | (src[w - ws - 1] >>> (64 - bs));
                }
            }
        } else {
            long s = -shift;
            if (s >= 64L * words) {
                return;
            }
            int ws = (int) (s >>> 6);
            int bs = (int) (s & 63);
            if (bs == 0) {
                for (int w = 0; w + ws < words; w++) {
                    dst[w] |= src[w + ws];
                }
            } else {
                int last = words - ws - 1;
                for (int w = 0; w < last; w++) {
                    dst[w] |= (src[w + ws] >>> bs) | (src[w + ws + 1] << (64 - bs));
                }
                dst[last] |= src[words - 1] >>> bs;
            }
        }
    }

    /** The lowest set bit at or above {@code from}, or -1. */
    static long nextSetBit(long[] set, long from) {
        int w = (int) (from >>> 6);
        if (w >= set.length) {
            return -1;
        }
        long word = set[w] & (-1L << from);
        while (true) {
            if (word != 0) {
                return ((long) w << 6) + Long.numberOfTrailingZeros(word);
            }
            if (++w == set.length) {
                return -1;
            }
            word = set[w];
        }
    }

    /** The highest set bit at or below {@code from}, or -1. */
    static long prevSetBit(long[] set, long from) {
        if (from < 0) {
            return -1;
        }
        int w = (int) (from >>> 6);
        long word = set[w] & (-1L >>> (63 - (from & 63)));
        while (true) {
            if (word != 0) {
                return ((long) w << 6) + 63 - Long.numberOfLeadingZeros(word);
            }
            if (w-- == 0) {
                return -1;
            }
            word = set[w];
        }
    }
}
