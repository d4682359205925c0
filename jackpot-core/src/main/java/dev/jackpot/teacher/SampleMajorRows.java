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
        int mainEnd = lo + ((hi - lo) / CHAINS) * CHAINS;
        for (int m = 0; m < CHAINS; m++) {
            int[] list = active[m];
            int count = 0;
            // Branch-free compaction (the signs of z are random, so a branch would mispredict).
            for (int n = lo + m; n < mainEnd; n += CHAINS) {
                list[count] = n;
                count += g[n] != 0.0 ? 1 : 0;
            }
            if (m == 0) {
                for (int n = mainEnd; n < hi; n++) {
                    list[count] = n;
                    count += g[n] != 0.0 ? 1 : 0;
                }
            }
            accumulate(acc[m], list, count, g);
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

    /** a = sum over the listed samples, in list order, of g[n] x_n; four samples per pass over a. */
    private void accumulate(double[] a, int[] list, int count, double[] g) {
        Arrays.fill(a, 0.0);
        int q = 0;
        for (; q + 3 < count; q += 4) {
            double g0 = g[list[q]];
            double g1 = g[list[q + 1]];
            double g2 = g[list[q + 2]];
            double g3 = g[list[q + 3]];
            double[] x0 = xs[list[q]];
            double[] x1 = xs[list[q + 1]];
            double[] x2 = xs[list[q + 2]];
            double[] x3 = xs[list[q + 3]];
            for (int p = 0; p < width; p++) {
                a[p] = (((a[p] + x0[p] * g0) + x1[p] * g1) + x2[p] * g2) + x3[p] * g3;
            }
        }
        for (; q < count; q++) {
            double gq = g[list[q]];
            double[] x = xs[list[q]];
            for (int p = 0; p < width; p++) {
                a[p] += x[p] * gq;
            }
        }
    }
}
