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
        java.util.Arrays.fill(z, lo, hi, 0.0);
        for (int i : support) {
            double a = w[i];
            if (a != 0.0) {
                double[] x = rows[i];
                for (int n = lo; n < hi; n++) {
                    z[n] += a * x[n];
                }
            }
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
            for (int n = lo; n < hi; n++) {
                out[n] += z[n] > 0 ? z[n] : 0.0;
            }
        }
        for (int n = lo; n < hi; n++) {
            out[n] *= invK;
        }
    }

    /**
     * Dot product of a[lo, hi) and b[lo, hi) with four independent accumulators (the JIT does not
     * vectorise floating-point reductions; the accumulators at least keep the FMA units busy).
     * The summation order is fixed, so results are reproducible.
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
        int n = lo;
        for (; n + 3 < hi; n += 4) {
            s0 += a[n] * b[n];
            s1 += a[n + 1] * b[n + 1];
            s2 += a[n + 2] * b[n + 2];
            s3 += a[n + 3] * b[n + 3];
        }
        for (; n < hi; n++) {
            s0 += a[n] * b[n];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
