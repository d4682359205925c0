package dev.jackpot.construct;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;

import java.util.Objects;

/** Test inputs, the sup-norm error and its a-priori bound, shared by the constructions. */
public final class Constructions {

    private Constructions() {
    }

    /**
     * The bound on sup_{||x||_2 &lt;= 1} ||f(x) - f_hat(x)||_inf for a pruned network whose every
     * per-weight error is at most e, when every target layer has ||W_i||_2 &lt;= 1.
     *
     * <p>A pruned layer maps x to within e ||x||_1 &lt;= e sqrt(d_{i-1}) ||x||_2 of W_i x in every one
     * of its d_i coordinates, hence within e sqrt(d_{i-1} d_i) ||x||_2 in the 2-norm; ReLU is
     * 1-Lipschitz and ||W_i||_2 &lt;= 1 keeps the target's activations in the unit ball. With
     * Delta_0 = 0 the 2-norm error after layer i is at most
     * <pre>
     *   Delta_i = Delta_{i-1} + e sqrt(d_{i-1} d_i) (1 + Delta_{i-1})
     * </pre>
     * and the sup-norm error is at most Delta_l (the inf-norm is at most the 2-norm). For small e this
     * is about e sum_i sqrt(d_{i-1} d_i).
     *
     * @param widths d_0, ..., d_l
     * @param e      the largest per-weight error, finite and non-negative
     * @return Delta_l
     * @throws IllegalArgumentException naming the value when the widths are invalid or e is negative or
     *                                  not finite
     */
    public static double supErrorBound(int[] widths, double e) {
        ReluMlp.checkWidths(widths);
        if (!(e >= 0) || !Double.isFinite(e)) {
            throw new IllegalArgumentException("the per-weight error must be finite and non-negative, got " + e);
        }
        double delta = 0;
        for (int i = 1; i < widths.length; i++) {
            delta += e * Math.sqrt((double) widths[i - 1] * widths[i]) * (1 + delta);
        }
        return delta;
    }

    /**
     * Test inputs in the unit ball: {@code count} points uniform in {x : ||x||_2 &lt;= 1} (a normalised
     * Gaussian direction times U^{1/d}), the first quarter of them on the sphere, from the stream
     * {@code Seeds.stream(seed, "construct-test")}.
     *
     * @param d     the dimension, positive
     * @param count the number of points, non-negative
     * @param seed  the root seed
     * @return the points
     * @throws IllegalArgumentException naming the value when d is not positive or count is negative
     */
    public static double[][] testInputs(int d, int count, long seed) {
        if (d <= 0) {
            throw new IllegalArgumentException("the input dimension must be positive, got " + d);
        }
        if (count < 0) {
            throw new IllegalArgumentException("the number of test points must be non-negative, got " + count);
        }
        Rng rng = Seeds.stream(seed, "construct-test");
        double[][] xs = new double[count][d];
        for (int p = 0; p < count; p++) {
            double norm = 0;
            while (norm == 0) {
                for (int i = 0; i < d; i++) {
                    xs[p][i] = rng.nextGaussian();
                    norm += xs[p][i] * xs[p][i];
                }
            }
            double radius = p < count / 4 ? 1 : Math.pow(rng.nextDouble(), 1.0 / d);
            double scale = radius / Math.sqrt(norm);
            for (int i = 0; i < d; i++) {
                xs[p][i] *= scale;
            }
        }
        return xs;
    }

    /**
     * The sup-norm error over a test set.
     *
     * @param f      one network
     * @param g      another with the same input and output widths
     * @param inputs the points
     * @return max over the points of ||f(x) - g(x)||_inf (0 for no points)
     * @throws IllegalArgumentException if the widths differ
     */
    public static double supError(ReluMlp f, ReluMlp g, double[][] inputs) {
        Objects.requireNonNull(inputs, "inputs");
        if (f.inputWidth() != g.inputWidth() || f.outputWidth() != g.outputWidth()) {
            throw new IllegalArgumentException("the networks must have the same input and output widths, got " + f
                    + " and " + g);
        }
        double m = 0;
        for (double[] x : inputs) {
            double[] a = f.forward(x);
            double[] b = g.forward(x);
            for (int k = 0; k < a.length; k++) {
                m = Math.max(m, Math.abs(a[k] - b[k]));
            }
        }
        return m;
    }
}
