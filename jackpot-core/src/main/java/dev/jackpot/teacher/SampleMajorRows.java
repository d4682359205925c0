package dev.jackpot.teacher;

import java.util.Arrays;

/**
 * One neuron's support rows of X stored sample-major (row n holds x_n[S_j], r_j contiguous values),
 * for the gradient's product X_{S_j}^T g.
 *
 * <p>On feature-major data that product is r_j dot products of length N, which the JIT does not
 * vectorise (floating-point reductions keep their order). Sample-major, it is a sum of axpys of
 * length r_j over the samples, which the JIT does vectorise, and samples with g[n] = 0 (inactive
 * ReLU, about half of them) are skipped.
 *
 * <p>Results are bit-identical to {@link Forward#dot}: the dot product sums in eight interleaved
 * chains (sample lo + 8q + m goes to chain m; the remainder after the last full group of eight goes
 * to chain 0) combined as ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)). Here each chain has its
 * own accumulator row and receives its samples in the same order. Skipping g[n] = 0 changes nothing:
 * an accumulator starts at +0 and can never become -0 under round-to-nearest, so adding a product
 * of +-0 leaves it unchanged. A NaN g[n] is not skipped.
 *
 * <p>Memory: N r_j doubles. Not thread-safe (owns its work buffers); one instance per neuron.
 */
final class SampleMajorRows {

    /** Interleaved accumulation chains of {@link Forward#dot}. */
    static final int CHAINS = 8;

    private final int width;
    private final double[][] xs;
    private final double[][] acc;
    private final int[][] active;
    private final int[] counts = new int[CHAINS];

    /**
     * @param support the neuron's support S_j
     * @param rows    feature-major data with the rows of S_j materialised
     * @param samples N
     */
    SampleMajorRows(int[] support, double[][] rows, int samples) {
        this.width = support.length;
        this.xs = new double[samples][width];
        for (int p = 0; p < width; p++) {
            double[] row = rows[support[p]];
            for (int n = 0; n < samples; n++) {
                xs[n][p] = row[n];
            }
        }
        this.acc = new double[CHAINS][width];
        this.active = new int[CHAINS][samples / CHAINS + CHAINS];
    }

    /**
     * out[p] = sum_{n in [lo, hi)} g[n] x_{S[p]}[n], bit-identical to
     * {@code Forward.dot(rows[S[p]], g, lo, hi)}.
     *
     * @param g   per-sample weights (length at least hi)
     * @param lo  first sample (inclusive)
     * @param hi  last sample (exclusive)
     * @param out result, length at least r_j (modified on [0, r_j))
     */
    void transposeTimes(double[] g, int lo, int hi, double[] out) {
        int[] listed = compact(g, lo, hi);
        for (int m = 0; m < CHAINS; m++) {
            accumulate(xs, width, acc[m], active[m], 0, listed[m], g);
        }
        double[] c0 = acc[0];
        double[] c1 = acc[1];
        double[] c2 = acc[2];
        double[] c3 = acc[3];
        double[] c4 = acc[4];
        double[] c5 = acc[5];
        double[] c6 = acc[6];
        double[] c7 = acc[7];
        for (int p = 0; p < width; p++) {
            out[p] = ((c0[p] + c1[p]) + (c2[p] + c3[p])) + ((c4[p] + c5[p]) + (c6[p] + c7[p]));
        }
    }

    /**
     * Lists each chain's samples with g[n] != 0 in one pass over [lo, hi), eight samples (one per
     * chain) per step, branch-free (the signs of z are random, so a branch would mispredict half
     * the time). Eight independent counters instead of one strided pass per chain: the loads of g
     * are contiguous and the counter updates do not wait on each other.
     *
     * @return the number of listed samples per chain (a buffer reused by the next call)
     */
    private int[] compact(double[] g, int lo, int hi) {
        int mainEnd = lo + ((hi - lo) / CHAINS) * CHAINS;
        int[] l0 = active[0];
        int[] l1 = active[1];
        int[] l2 = active[2];
        int[] l3 = active[3];
        int[] l4 = active[4];
        int[] l5 = active[5];
        int[] l6 = active[6];
        int[] l7 = active[7];
        int k0 = 0;
        int k1 = 0;
        int k2 = 0;
        int k3 = 0;
        int k4 = 0;
        int k5 = 0;
        int k6 = 0;
        int k7 = 0;
        for (int n = lo; n < mainEnd; n += CHAINS) {
            l0[k0] = n;
            k0 += g[n] != 0.0 ? 1 : 0;
            l1[k1] = n + 1;
            k1 += g[n + 1] != 0.0 ? 1 : 0;
            l2[k2] = n + 2;
            k2 += g[n + 2] != 0.0 ? 1 : 0;
            l3[k3] = n + 3;
            k3 += g[n + 3] != 0.0 ? 1 : 0;
            l4[k4] = n + 4;
            k4 += g[n + 4] != 0.0 ? 1 : 0;
            l5[k5] = n + 5;
            k5 += g[n + 5] != 0.0 ? 1 : 0;
            l6[k6] = n + 6;
            k6 += g[n + 6] != 0.0 ? 1 : 0;
            l7[k7] = n + 7;
            k7 += g[n + 7] != 0.0 ? 1 : 0;
        }
        // The remainder after the last full group of eight belongs to chain 0 (see Forward.dot).
        for (int n = mainEnd; n < hi; n++) {
            l0[k0] = n;
            k0 += g[n] != 0.0 ? 1 : 0;
        }
        int[] c = counts;
        c[0] = k0;
        c[1] = k1;
        c[2] = k2;
        c[3] = k3;
        c[4] = k4;
        c[5] = k5;
        c[6] = k6;
        c[7] = k7;
        return c;
    }

    /**
     * a = sum over list[from .. to), in list order, of g[n] x_n (x_n = rows[n][0 .. width)), four
     * samples per pass over a. Every element of a is accumulated one term at a time, left to right, so
     * the result is bit-identical to one axpy per sample. The first pass writes a instead of adding to
     * it: (((0 + t0) + t1) + t2) + t3 is exactly what the pass would compute from a = +0, so no
     * separate zeroing pass is needed; the last one to three samples take one pass together.
     * Shared by the per-neuron chains here and the per-pattern sums of {@link PatternGradient}.
     *
     * @param rows  sample-major rows, at least {@code width} values each
     * @param width how many leading values of each row (and of a) to use
     * @param a     the accumulator (overwritten on [0, width))
     * @param list  sample indices
     * @param from  first position in list (inclusive)
     * @param to    last position in list (exclusive)
     * @param g     per-sample weights
     */
    static void accumulate(double[][] rows, int width, double[] a, int[] list, int from, int to, double[] g) {
        int q = from;
        if (to - from >= 4) {
            double g0 = g[list[q]];
            double g1 = g[list[q + 1]];
            double g2 = g[list[q + 2]];
            double g3 = g[list[q + 3]];
            double[] x0 = rows[list[q]];
            double[] x1 = rows[list[q + 1]];
            double[] x2 = rows[list[q + 2]];
            double[] x3 = rows[list[q + 3]];
            for (int p = 0; p < width; p++) {
                a[p] = (((0.0 + x0[p] * g0) + x1[p] * g1) + x2[p] * g2) + x3[p] * g3;
            }
            q += 4;
        } else {
            Arrays.fill(a, 0, width, 0.0);
        }
        for (; q + 3 < to; q += 4) {
            double g0 = g[list[q]];
            double g1 = g[list[q + 1]];
            double g2 = g[list[q + 2]];
            double g3 = g[list[q + 3]];
            double[] x0 = rows[list[q]];
            double[] x1 = rows[list[q + 1]];
            double[] x2 = rows[list[q + 2]];
            double[] x3 = rows[list[q + 3]];
            for (int p = 0; p < width; p++) {
                a[p] = (((a[p] + x0[p] * g0) + x1[p] * g1) + x2[p] * g2) + x3[p] * g3;
            }
        }
        int left = to - q;
        if (left == 3) {
            double g0 = g[list[q]];
            double g1 = g[list[q + 1]];
            double g2 = g[list[q + 2]];
            double[] x0 = rows[list[q]];
            double[] x1 = rows[list[q + 1]];
            double[] x2 = rows[list[q + 2]];
            for (int p = 0; p < width; p++) {
                a[p] = ((a[p] + x0[p] * g0) + x1[p] * g1) + x2[p] * g2;
            }
        } else if (left == 2) {
            double g0 = g[list[q]];
            double g1 = g[list[q + 1]];
            double[] x0 = rows[list[q]];
            double[] x1 = rows[list[q + 1]];
            for (int p = 0; p < width; p++) {
                a[p] = (a[p] + x0[p] * g0) + x1[p] * g1;
            }
        } else if (left == 1) {
            double g0 = g[list[q]];
            double[] x0 = rows[list[q]];
            for (int p = 0; p < width; p++) {
                a[p] += x0[p] * g0;
            }
        }
    }
}
