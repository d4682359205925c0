package dev.jackpot.construct;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense ReLU multilayer perceptron without biases:
 * <pre>
 *   f(x) = W_l relu(W_{l-1} relu( ... relu(W_1 x)))
 * </pre>
 * ReLU between layers, none after the last. Layer i (1-based) has weights W_i of shape
 * d_i x d_{i-1}, stored as {@code weights[i-1][row][column]}; the widths are d_0 (input), ..., d_l.
 *
 * <p>It is both the target network of the strong lottery ticket constructions (Malach et al.,
 * ICML 2020; Pensia et al., NeurIPS 2020) and the random network of depth 2l that they prune.
 *
 * @param weights the layers' matrices, at least one, each rectangular with at least one row and one
 *                column, consecutive shapes matching, every entry finite (deep-copied; the accessor
 *                returns a deep copy)
 */
public record ReluMlp(double[][][] weights) {

    /**
     * Validates and deep-copies the weights.
     *
     * @throws NullPointerException     if {@code weights} or a layer or row is null
     * @throws IllegalArgumentException naming the value when there is no layer, a layer is empty or
     *                                  ragged, consecutive shapes do not match, or an entry is not finite
     */
    public ReluMlp {
        Objects.requireNonNull(weights, "weights");
        if (weights.length == 0) {
            throw new IllegalArgumentException("a network needs at least one layer, got 0 layers");
        }
        weights = copy(weights);
        for (int i = 0; i < weights.length; i++) {
            double[][] w = Objects.requireNonNull(weights[i], "weights[" + i + "]");
            if (w.length == 0 || Objects.requireNonNull(w[0], "weights[" + i + "][0]").length == 0) {
                throw new IllegalArgumentException("layer " + i + " must have at least one row and one column, got "
                        + w.length + " rows");
            }
            for (int r = 0; r < w.length; r++) {
                if (w[r].length != w[0].length) {
                    throw new IllegalArgumentException("layer " + i + " must be rectangular, but row " + r + " has "
                            + w[r].length + " columns and row 0 has " + w[0].length);
                }
                for (int c = 0; c < w[r].length; c++) {
                    if (!Double.isFinite(w[r][c])) {
                        throw new IllegalArgumentException("weights[" + i + "][" + r + "][" + c
                                + "] must be finite, got " + w[r][c]);
                    }
                }
            }
            if (i > 0 && w[0].length != weights[i - 1].length) {
                throw new IllegalArgumentException("layer " + i + " takes " + w[0].length + " inputs but layer "
                        + (i - 1) + " has " + weights[i - 1].length + " outputs");
            }
        }
    }

    /**
     * A random target whose weights satisfy the bounds of both theorems: entries iid
     * U[-1/sqrt(d_{i-1}), 1/sqrt(d_{i-1})] (Malach et al.: ||W_i||_max &lt;= 1/sqrt(n_in)), then each
     * layer scaled down, if needed, so that its Frobenius norm is at most 1, which implies spectral
     * norm ||W_i||_2 &lt;= 1 (Malach et al. and Pensia et al.). Scaling down keeps the max bound.
     * Layer i draws from the stream {@code Seeds.stream(seed, "construct-target", i)}.
     *
     * @param widths d_0, ..., d_l: at least two, each positive
     * @param seed   the root seed
     * @return the target
     * @throws IllegalArgumentException naming the value when fewer than two widths are given or a width
     *                                  is not positive
     */
    public static ReluMlp randomTarget(int[] widths, long seed) {
        checkWidths(widths);
        double[][][] w = new double[widths.length - 1][][];
        for (int i = 0; i < w.length; i++) {
            Rng rng = Seeds.stream(seed, "construct-target", i);
            int in = widths[i];
            double bound = 1 / Math.sqrt(in);
            w[i] = new double[widths[i + 1]][in];
            double frob = 0;
            for (double[] row : w[i]) {
                for (int c = 0; c < in; c++) {
                    row[c] = rng.uniform(-bound, bound);
                    frob += row[c] * row[c];
                }
            }
            frob = Math.sqrt(frob);
            if (frob > 1) {
                for (double[] row : w[i]) {
                    for (int c = 0; c < in; c++) {
                        row[c] /= frob;
                    }
                }
            }
        }
        return new ReluMlp(w);
    }

    /**
     * Checks a list of widths d_0, ..., d_l.
     *
     * @param widths the widths
     * @throws IllegalArgumentException naming the value when fewer than two are given or one is not positive
     */
    static void checkWidths(int[] widths) {
        Objects.requireNonNull(widths, "widths");
        if (widths.length < 2) {
            throw new IllegalArgumentException("widths must list d_0, ..., d_l with l >= 1, got "
                    + Arrays.toString(widths));
        }
        for (int i = 0; i < widths.length; i++) {
            if (widths[i] <= 0) {
                throw new IllegalArgumentException("widths[" + i + "] must be positive, got " + widths[i]);
            }
        }
    }

    /**
     * Evaluates the network.
     *
     * @param x the input, of length d_0
     * @return f(x), of length d_l
     * @throws IllegalArgumentException if the input has the wrong length
     */
    public double[] forward(double[] x) {
        Objects.requireNonNull(x, "x");
        if (x.length != inputWidth()) {
            throw new IllegalArgumentException("the input must have length " + inputWidth() + ", got " + x.length);
        }
        double[] h = x;
        for (int i = 0; i < weights.length; i++) {
            double[][] w = weights[i];
            double[] next = new double[w.length];
            for (int r = 0; r < w.length; r++) {
                double[] row = w[r];
                double s = 0;
                for (int c = 0; c < row.length; c++) {
                    double v = row[c];
                    if (v != 0) {
                        s += v * h[c];
                    }
                }
                next[r] = i < weights.length - 1 ? Math.max(0, s) : s;
            }
            h = next;
        }
        return h;
    }

    /** @return a deep copy of the weights */
    @Override
    public double[][][] weights() {
        return copy(weights);
    }

    /** @return the raw weights, not copied: package-private, never modified */
    double[][][] raw() {
        return weights;
    }

    /**
     * @param layer the layer, 0-based
     * @param row   the output index
     * @param col   the input index
     * @return the weight
     */
    public double weight(int layer, int row, int col) {
        return weights[layer][row][col];
    }

    /** @return the depth l, the number of weight layers */
    public int depth() {
        return weights.length;
    }

    /** @return the widths d_0, ..., d_l */
    public int[] widths() {
        int[] d = new int[weights.length + 1];
        d[0] = weights[0][0].length;
        for (int i = 0; i < weights.length; i++) {
            d[i + 1] = weights[i].length;
        }
        return d;
    }

    /** @return d_0 */
    public int inputWidth() {
        return weights[0][0].length;
    }

    /** @return d_l */
    public int outputWidth() {
        return weights[weights.length - 1].length;
    }

    /** @return the number of entries of all the matrices, sum_i d_i d_{i-1} */
    public long parameterCount() {
        long n = 0;
        for (double[][] w : weights) {
            n += (long) w.length * w[0].length;
        }
        return n;
    }

    /** @return the number of non-zero entries */
    public long nonZeroCount() {
        long n = 0;
        for (double[][] w : weights) {
            for (double[] row : w) {
                for (double v : row) {
                    if (v != 0) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    static double[][][] copy(double[][][] w) {
        double[][][] c = new double[w.length][][];
        for (int i = 0; i < w.length; i++) {
            if (w[i] == null) {
                continue;
            }
            c[i] = new double[w[i].length][];
            for (int r = 0; r < w[i].length; r++) {
                c[i][r] = w[i][r] == null ? null : w[i][r].clone();
            }
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReluMlp m && Arrays.deepEquals(weights, m.weights);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(weights);
    }

    @Override
    public String toString() {
        return "ReluMlp[widths=" + Arrays.toString(widths()) + "]";
    }
}
