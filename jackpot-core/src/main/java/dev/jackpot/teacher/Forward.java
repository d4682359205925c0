package dev.jackpot.teacher;

/**
 * Masked forward kernels of the one-hidden-layer network g(x; W) = (1/K) sum_j relu(w_j . x) on
 * feature-major data (see {@link Dataset}). Cost: 2 N sum_j r_j flops, independent of d.
 */
public final class Forward {

    private Forward() {
    }

    /**
     * Pre-activations of one neuron: z[n] = sum_{i in S_j} w_j[i] x_i[n] for n in [lo, hi).
     *
     * @param w       the neuron's weights (length d; read at support indices only)
     * @param support the neuron's sorted support S_j
     * @param rows    feature-major data; the rows of S_j must be materialised
     * @param lo      first sample (inclusive)
     * @param hi      last sample (exclusive)
     * @param z       output buffer of length at least hi (modified on [lo, hi))
     */
    public static void preactivation(double[] w, int[] support, double[][] rows, int lo, int hi, double[] z) {
        int r = support.length;
        int p = 0;
        // Four rows per pass over z: one load and store of z per four multiply-adds instead of one
        // per one (measured about 2x). The parentheses keep the row-by-row summation order, so the
        // result is bit-identical to one axpy per row. The first pass writes z from +0 instead of
        // adding to a zeroed z: the same arithmetic without the zeroing pass.
        if (r >= 4) {
            double a0 = w[support[0]];
            double a1 = w[support[1]];
            double a2 = w[support[2]];
            double a3 = w[support[3]];
            double[] x0 = rows[support[0]];
            double[] x1 = rows[support[1]];
            double[] x2 = rows[support[2]];
            double[] x3 = rows[support[3]];
            for (int n = lo; n < hi; n++) {
                z[n] = (((0.0 + a0 * x0[n]) + a1 * x1[n]) + a2 * x2[n]) + a3 * x3[n];
            }
            p = 4;
        } else {
            java.util.Arrays.fill(z, lo, hi, 0.0);
        }
        for (; p + 3 < r; p += 4) {
            double a0 = w[support[p]];
            double a1 = w[support[p + 1]];
            double a2 = w[support[p + 2]];
            double a3 = w[support[p + 3]];
            double[] x0 = rows[support[p]];
            double[] x1 = rows[support[p + 1]];
            double[] x2 = rows[support[p + 2]];
            double[] x3 = rows[support[p + 3]];
            for (int n = lo; n < hi; n++) {
                z[n] = (((z[n] + a0 * x0[n]) + a1 * x1[n]) + a2 * x2[n]) + a3 * x3[n];
            }
        }
        for (; p < r; p++) {
            double a = w[support[p]];
            double[] x = rows[support[p]];
            for (int n = lo; n < hi; n++) {
                z[n] += a * x[n];
            }
        }
    }

    /**
     * Pre-activations of two neurons in one pass over their shared rows:
     * z0[n] = sum_t a[t] x_{features[t]}[n] and z1[n] = sum_t b[t] x_{features[t]}[n] for n in
     * [lo, hi), t in order. Each row is read once for both neurons, and four rows are fused per pass
     * (measured 1.4x faster than two {@link #preactivation} calls when the neurons share their
     * inputs).
     *
     * <p>With {@code features} the sorted union of two supports, a[t] = w_j[features[t]] on S_j and
     * a[t] = 0 elsewhere, the result is bit-identical to {@link #preactivation}: the sum visits the
     * support in the same order, and a zero coefficient adds 0 * x = +-0 to an accumulator that
     * starts at +0 and can never become -0 under round-to-nearest, which leaves it unchanged (the
     * data are finite).
     *
     * @param a        first neuron's coefficients, one per feature
     * @param b        second neuron's coefficients
     * @param features the feature of each coefficient
     * @param rows     feature-major data with these rows materialised
     * @param lo       first sample (inclusive)
     * @param hi       last sample (exclusive)
     * @param z0       first output (modified on [lo, hi))
     * @param z1       second output (modified on [lo, hi))
     */
    public static void preactivationPair(double[] a, double[] b, int[] features, double[][] rows, int lo, int hi,
                                         double[] z0, double[] z1) {
        int r = features.length;
        int t = 0;
        if (r >= 4) {
            // First pass from +0 (see preactivation).
            double a0 = a[0];
            double a1 = a[1];
            double a2 = a[2];
            double a3 = a[3];
            double b0 = b[0];
            double b1 = b[1];
            double b2 = b[2];
            double b3 = b[3];
            double[] x0 = rows[features[0]];
            double[] x1 = rows[features[1]];
            double[] x2 = rows[features[2]];
            double[] x3 = rows[features[3]];
            for (int n = lo; n < hi; n++) {
                double v0 = x0[n];
                double v1 = x1[n];
                double v2 = x2[n];
                double v3 = x3[n];
                z0[n] = (((0.0 + a0 * v0) + a1 * v1) + a2 * v2) + a3 * v3;
                z1[n] = (((0.0 + b0 * v0) + b1 * v1) + b2 * v2) + b3 * v3;
            }
            t = 4;
        } else {
            java.util.Arrays.fill(z0, lo, hi, 0.0);
            java.util.Arrays.fill(z1, lo, hi, 0.0);
        }
        for (; t + 3 < r; t += 4) {
            double a0 = a[t];
            double a1 = a[t + 1];
            double a2 = a[t + 2];
            double a3 = a[t + 3];
            double b0 = b[t];
            double b1 = b[t + 1];
            double b2 = b[t + 2];
            double b3 = b[t + 3];
            double[] x0 = rows[features[t]];
            double[] x1 = rows[features[t + 1]];
            double[] x2 = rows[features[t + 2]];
            double[] x3 = rows[features[t + 3]];
            for (int n = lo; n < hi; n++) {
                double v0 = x0[n];
                double v1 = x1[n];
                double v2 = x2[n];
                double v3 = x3[n];
                z0[n] = (((z0[n] + a0 * v0) + a1 * v1) + a2 * v2) + a3 * v3;
                z1[n] = (((z1[n] + b0 * v0) + b1 * v1) + b2 * v2) + b3 * v3;
            }
        }
        for (; t < r; t++) {
            double at = a[t];
            double bt = b[t];
            double[] x = rows[features[t]];
            for (int n = lo; n < hi; n++) {
                z0[n] += at * x[n];
                z1[n] += bt * x[n];
            }
        }
    }

    /**
     * out[n] += relu(z[n]) on [lo, hi), branch-free ({@code Math.max} vectorises; a conditional on
     * random signs mispredicts half the time and measured 10x slower).
     *
     * @param z   pre-activations
     * @param out accumulator (modified)
     * @param lo  first index
     * @param hi  last index (exclusive)
     */
    public static void addRelu(double[] z, double[] out, int lo, int hi) {
        for (int n = lo; n < hi; n++) {
            out[n] += Math.max(z[n], 0.0);
        }
    }

    /**
     * g[n] = relu'(z[n]) s[n] on [lo, hi) with relu'(0) = 0, branch-free: the clamp
     * min(1, max(0, z * 1e300)) is 1 for every normal positive z, 0 for z &lt;= 0, and NaN for NaN.
     *
     * @param z  pre-activations
     * @param s  per-sample slopes
     * @param g  output (modified)
     * @param lo first index
     * @param hi last index (exclusive)
     */
    public static void gate(double[] z, double[] s, double[] g, int lo, int hi) {
        for (int n = lo; n < hi; n++) {
            g[n] = Math.min(1.0, Math.max(0.0, z[n] * 1e300)) * s[n];
        }
    }

    /**
     * Network outputs out[n] = (1/K) sum_j relu(z_j[n]) for n in [lo, hi), summing neurons in index
     * order.
     *
     * @param w        K x d weights
     * @param supports per-neuron supports
     * @param rows     feature-major data
     * @param lo       first sample
     * @param hi       last sample (exclusive)
     * @param out      output buffer (modified on [lo, hi))
     */
    public static void output(double[][] w, int[][] supports, double[][] rows, int lo, int hi, double[] out) {
        double[] z = new double[hi];
        java.util.Arrays.fill(out, lo, hi, 0.0);
        double invK = 1.0 / w.length;
        for (int j = 0; j < w.length; j++) {
            preactivation(w[j], supports[j], rows, lo, hi, z);
            addRelu(z, out, lo, hi);
        }
        for (int n = lo; n < hi; n++) {
            out[n] *= invK;
        }
    }

    /**
     * Dot product of a[lo, hi) and b[lo, hi) with eight independent accumulators (the JIT does not
     * vectorise floating-point reductions; independent chains at least keep both FMA units busy,
     * measured 1.3x faster than four). The summation order is fixed, so results are reproducible.
     *
     * @param a  first vector
     * @param b  second vector
     * @param lo first index
     * @param hi last index (exclusive)
     * @return sum a[n] b[n]
     */
    public static double dot(double[] a, double[] b, int lo, int hi) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double s4 = 0;
        double s5 = 0;
        double s6 = 0;
        double s7 = 0;
        int n = lo;
        for (; n + 7 < hi; n += 8) {
            s0 += a[n] * b[n];
            s1 += a[n + 1] * b[n + 1];
            s2 += a[n + 2] * b[n + 2];
            s3 += a[n + 3] * b[n + 3];
            s4 += a[n + 4] * b[n + 4];
            s5 += a[n + 5] * b[n + 5];
            s6 += a[n + 6] * b[n + 6];
            s7 += a[n + 7] * b[n + 7];
        }
        for (; n < hi; n++) {
            s0 += a[n] * b[n];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
