package dev.jackpot.nn.stability;

import dev.jackpot.prune.Masks;
import dev.jackpot.tensor.NamedTensor;
import dev.jackpot.tensor.TensorSet;

import java.util.ArrayList;
import java.util.List;

/**
 * The straight line between two trained networks, {@code theta(alpha) = (1 - alpha) theta_a + alpha theta_b}
 * (Frankle, Dziugaite, Roy, Carbin, "Linear mode connectivity and the lottery ticket hypothesis",
 * ICML 2020), element by element in float, and the error barrier along it.
 *
 * <p>The endpoints are the networks themselves, bit for bit ({@code alpha = 0} and {@code 1} return
 * copies of {@code a} and {@code b} rather than computing {@code 1 a + 0 b}, which can turn a -0 into
 * +0). Both networks share one mask, so every point of the path has exactly zero at the masked entries;
 * {@link #at} checks it.
 */
public final class LinearPath {

    private final TensorSet a;
    private final TensorSet b;
    private final TensorSet masks;

    /**
     * @param a     the first trained network
     * @param b     the second, with the same names and shapes
     * @param masks the mask both were trained under (empty for dense)
     * @throws IllegalArgumentException if the networks differ in layout or a masked entry is non-zero
     */
    public LinearPath(TensorSet a, TensorSet b, TensorSet masks) {
        if (!a.names().equals(b.names())) {
            throw new IllegalArgumentException("The two networks hold different parameters: " + a.names() + " and "
                    + b.names() + ".");
        }
        for (NamedTensor t : a) {
            if (!java.util.Arrays.equals(t.shape(), b.get(t.name()).shape())) {
                throw new IllegalArgumentException("Parameter " + t.name() + " has different shapes in the two networks.");
            }
        }
        Masks.requireMaskedZero(a, masks, "the first endpoint");
        Masks.requireMaskedZero(b, masks, "the second endpoint");
        this.a = a;
        this.b = b;
        this.masks = masks;
    }

    /**
     * @param alpha where on the line, in [0, 1]
     * @return the network at {@code alpha}
     */
    public TensorSet at(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must lie in [0, 1], got " + alpha + ".");
        }
        if (alpha == 0) {
            return a.copy();
        }
        if (alpha == 1) {
            return b.copy();
        }
        float wa = (float) (1 - alpha);
        float wb = (float) alpha;
        List<NamedTensor> out = new ArrayList<>();
        for (NamedTensor t : a) {
            float[] x = t.values();
            float[] y = b.get(t.name()).values();
            float[] z = new float[x.length];
            for (int i = 0; i < z.length; i++) {
                z[i] = wa * x[i] + wb * y[i];
            }
            out.add(t.withValues(z));
        }
        TensorSet p = TensorSet.of(out);
        Masks.requireMaskedZero(p, masks, "the interpolated network at alpha = " + alpha);
        return p;
    }

    /**
     * @param points the number of intervals, at least 1: alphas {@code 0, 1/points, ..., 1}
     * @return the alphas, {@code points + 1} of them, the endpoints exact
     */
    public static double[] alphas(int points) {
        if (points < 1) {
            throw new IllegalArgumentException("A path needs at least one interval, got " + points + ".");
        }
        double[] al = new double[points + 1];
        for (int i = 0; i <= points; i++) {
            al[i] = i == points ? 1.0 : (double) i / points;
        }
        return al;
    }

    /**
     * The error barrier: the largest error along the path minus the mean of the endpoints' errors.
     *
     * @param errors errors at {@link #alphas}, endpoints first and last
     * @return {@code max(errors) - (errors[0] + errors[last]) / 2}, at least 0
     */
    public static double barrier(double[] errors) {
        double max = Double.NEGATIVE_INFINITY;
        for (double e : errors) {
            max = Math.max(max, e);
        }
        return max - (errors[0] + errors[errors.length - 1]) / 2;
    }
}
