package dev.jackpot.sparse;

import java.util.Arrays;

/**
 * The three products of a masked linear layer {@code Z = W X + b} with a feature-major minibatch,
 * over the kept weights only (W in the order of a {@link CsrPattern}):
 * <ul>
 *   <li>forward: {@code Z[o][j] = b[o] + sum_k W_k X[col[k]][j]} over row o's kept k;</li>
 *   <li>weight gradient: {@code dW_k = sum_j G[o][j] X[col[k]][j]} for kept k of row o, where
 *       G = dL/dZ;</li>
 *   <li>input gradient: {@code dX[i][j] = sum_k W_k G[row(k)][j]} over column i's kept k.</li>
 * </ul>
 * j runs over the n examples of the batch. Each method fills a range of rows (or columns) so callers can
 * split the work across threads; every output element is written by one call, in an order that does not
 * depend on the range, so any split gives bit-identical results. Cost: {@code n} multiply-adds per kept
 * weight per product.
 *
 * <p>Two layouts, the same bits. With one array per feature row ({@code float[rows][>= n]}) the products run
 * in these Java loops, laid out so the JIT vectorises the forward product and the input gradient (contiguous
 * row axpys); the weight gradient's dot products stay scalar, as the JIT keeps a float sum's order. With one
 * flat array ({@code a[r * stride + j]}) they run in {@link NativeKernels}' C where it is loaded, which keeps
 * every sum's order too and vectorises the weight gradient across weights instead. The JIT of Java 17 does not
 * vectorise a loop over rows of one array at different offsets, so without the C the flat methods copy to rows
 * and back (correct, not fast: callers choose the layout by {@link NativeKernels#active()}).
 */
public final class SparseKernels {

    private SparseKernels() {
    }

    /**
     * Forward product for rows {@code [from, to)}: {@code z[o] = b[o]}, then for each group of four kept
     * weights in pattern order {@code z[o][j] += ((w0 x0[j] + w1 x1[j]) + w2 x2[j]) + w3 x3[j]}, and the
     * remainder one weight at a time.
     *
     * @param p    the pattern
     * @param w    kept weights, pattern order
     * @param bias per-row bias, or null
     * @param x    input, feature-major
     * @param z    output, feature-major (overwritten)
     * @param n    examples
     * @param from first row
     * @param to   last row (exclusive)
     */
    public static void forward(CsrPattern p, float[] w, float[] bias, float[][] x, float[][] z, int n, int from, int to) {
        int[] rowPtr = p.rowPtr();
        int[] col = p.colIndex();
        for (int o = from; o < to; o++) {
            float[] y = z[o];
            Arrays.fill(y, 0, n, bias == null ? 0f : bias[o]);
            int k = rowPtr[o];
            int end = rowPtr[o + 1];
            for (; k + 3 < end; k += 4) {
                axpy4(y, w[k], x[col[k]], w[k + 1], x[col[k + 1]], w[k + 2], x[col[k + 2]], w[k + 3], x[col[k + 3]], n);
            }
            for (; k < end; k++) {
                axpy1(y, w[k], x[col[k]], n);
            }
        }
    }

    /**
     * Input gradient for columns {@code [from, to)}: {@code dx[i] = 0}, then column i's kept weights in
     * ascending row order, in groups of four as in {@link #forward}.
     *
     * @param p    the pattern
     * @param w    kept weights, pattern order
     * @param g    dL/dZ, feature-major
     * @param dx   dL/dX, feature-major (overwritten)
     * @param n    examples
     * @param from first column
     * @param to   last column (exclusive)
     */
    public static void inputGradient(CsrPattern p, float[] w, float[][] g, float[][] dx, int n, int from, int to) {
        int[] colPtr = p.colPtr();
        int[] colPos = p.colPos();
        int[] rowOf = p.rowOfEntry();
        for (int i = from; i < to; i++) {
            float[] y = dx[i];
            Arrays.fill(y, 0, n, 0f);
            int k = colPtr[i];
            int end = colPtr[i + 1];
            for (; k + 3 < end; k += 4) {
                int k0 = colPos[k];
                int k1 = colPos[k + 1];
                int k2 = colPos[k + 2];
                int k3 = colPos[k + 3];
                axpy4(y, w[k0], g[rowOf[k0]], w[k1], g[rowOf[k1]], w[k2], g[rowOf[k2]], w[k3], g[rowOf[k3]], n);
            }
            for (; k < end; k++) {
                int k0 = colPos[k];
                axpy1(y, w[k0], g[rowOf[k0]], n);
            }
        }
    }

    /**
     * Weight gradient for the kept weights of rows {@code [from, to)}.
     *
     * <p>Every {@code dW_k} is one chain {@code sum_j G[o][j] X[col[k]][j]} in ascending j over the
     * examples where {@code G[o][j] != 0}: below a ReLU about half of a row's entries are exactly zero
     * (inactive units), and skipping them changes no bit (adding {@code +-0} to a float sum that starts at
     * {@code +0} leaves it as it is, for finite X) while the products run over the active examples only.
     * A row with few zeros (the logits' gradient) runs its products over all n without the index.
     *
     * @param p    the pattern
     * @param g    dL/dZ, feature-major
     * @param x    the layer's input, feature-major
     * @param dw   dL/dW_k, pattern order (the rows' entries are overwritten)
     * @param n    examples
     * @param from first row
     * @param to   last row (exclusive)
     */
    public static void weightGradient(CsrPattern p, float[][] g, float[][] x, float[] dw, int n, int from, int to) {
        int[] rowPtr = p.rowPtr();
        int[] col = p.colIndex();
        int[] active = new int[n];
        float[] gActive = new float[n];
        for (int o = from; o < to; o++) {
            float[] go = g[o];
            int m = 0;
            for (int j = 0; j < n; j++) {
                // branch-free compaction: the index advances only past a non-zero entry
                float v = go[j];
                active[m] = j;
                gActive[m] = v;
                m += v != 0f ? 1 : 0;
            }
            int k = rowPtr[o];
            int end = rowPtr[o + 1];
            if (4 * m > 3 * n) {
                for (; k + 7 < end; k += 8) {
                    dot8(go, x, col, k, dw, n);
                }
                for (; k + 3 < end; k += 4) {
                    dot4(go, x, col, k, dw, n);
                }
                for (; k < end; k++) {
                    dw[k] = dotInOrder(go, x[col[k]], n);
                }
            } else {
                for (; k + 7 < end; k += 8) {
                    dot8At(gActive, active, m, x, col, k, dw);
                }
                for (; k + 3 < end; k += 4) {
                    dot4At(gActive, active, m, x, col, k, dw);
                }
                for (; k < end; k++) {
                    dw[k] = dotAt(gActive, active, m, x[col[k]]);
                }
            }
        }
    }

    /**
     * @param g  rows, feature-major
     * @param db per-row sums {@code sum_j g[o][j]} for rows {@code [from, to)} (overwritten): four chains over
     *           {@code j mod 4}, then {@code (s0 + s1) + (s2 + s3)}
     */
    public static void rowSums(float[][] g, float[] db, int n, int from, int to) {
        for (int o = from; o < to; o++) {
            db[o] = rowSum(g[o], 0, n);
        }
    }

    /**
     * {@link #forward(CsrPattern, float[], float[], float[][], float[][], int, int, int)} on flat matrices: row r
     * of x or z is {@code [r * stride, r * stride + n)}, x with the pattern's columns as rows, z its rows.
     *
     * @param relu whether to store {@link #relu} of each output instead
     */
    public static void forward(CsrPattern p, float[] w, float[] bias, float[] x, float[] z, int stride, int n,
                               boolean relu, int from, int to) {
        check(p.rows(), from, to, stride, n);
        check(w, p.nnz(), "weights");
        if (bias != null) {
            check(bias, p.rows(), "biases");
        }
        check(x, (long) p.cols() * stride, "input");
        check(z, (long) p.rows() * stride, "output");
        if (NativeKernels.active()) {
            NativeKernels.forward(p.rowPtr(), p.colIndex(), w, bias, x, z, stride, n, relu, from, to);
            return;
        }
        float[][] zr = new float[p.rows()][n];
        forward(p, w, bias, rows(x, p.cols(), stride, n), zr, n, from, to);
        for (int o = from; o < to; o++) {
            if (relu) {
                relu(zr[o], 0, n);
            }
            System.arraycopy(zr[o], 0, z, o * stride, n);
        }
    }

    /**
     * {@link #inputGradient(CsrPattern, float[], float[][], float[][], int, int, int)} on flat matrices: g with the
     * pattern's rows, dx (and act) its columns, row r at {@code [r * stride, r * stride + n)}.
     *
     * @param act the layer input's activations {@code max(z, 0)}, whose {@link #reluGradient} is applied to each
     *            output, or null for the plain product
     */
    public static void inputGradient(CsrPattern p, float[] w, float[] g, float[] act, float[] dx, int stride, int n,
                                     int from, int to) {
        check(p.cols(), from, to, stride, n);
        check(w, p.nnz(), "weights");
        check(g, (long) p.rows() * stride, "output gradient");
        if (act != null) {
            check(act, (long) p.cols() * stride, "activations");
        }
        check(dx, (long) p.cols() * stride, "input gradient");
        if (NativeKernels.active()) {
            NativeKernels.inputGradient(p.colPtr(), p.colPos(), p.rowOfEntry(), w, g, act, dx, stride, n, from, to);
            return;
        }
        float[][] dxr = new float[p.cols()][n];
        inputGradient(p, w, rows(g, p.rows(), stride, n), dxr, n, from, to);
        for (int i = from; i < to; i++) {
            System.arraycopy(dxr[i], 0, dx, i * stride, n);
            if (act != null) {
                reluGradient(dx, act, i * stride, n);
            }
        }
    }

    /**
     * {@link #weightGradient(CsrPattern, float[][], float[][], float[], int, int, int)} on flat matrices: g with the
     * pattern's rows, x its columns, row r at {@code [r * stride, r * stride + n)}.
     */
    public static void weightGradient(CsrPattern p, float[] g, float[] x, float[] dw, int stride, int n, int from, int to) {
        check(p.rows(), from, to, stride, n);
        check(g, (long) p.rows() * stride, "output gradient");
        check(x, (long) p.cols() * stride, "input");
        check(dw, p.nnz(), "weight gradient");
        if (NativeKernels.active()) {
            NativeKernels.weightGradient(p.rowPtr(), p.colIndex(), g, x, dw, stride, n, from, to);
            return;
        }
        weightGradient(p, rows(g, p.rows(), stride, n), rows(x, p.cols(), stride, n), dw, n, from, to);
    }

    /** {@link #rowSums(float[][], float[], int, int, int)} on a flat matrix (row o at {@code o * stride}). */
    public static void rowSums(float[] g, float[] db, int stride, int n, int from, int to) {
        check(db.length, from, to, stride, n);
        check(g, (long) db.length * stride, "gradient");
        if (NativeKernels.active()) {
            NativeKernels.rowSums(g, db, stride, n, from, to);
            return;
        }
        for (int o = from; o < to; o++) {
            db[o] = rowSum(g, o * stride, n);
        }
    }

    /**
     * A minibatch of raw pixels to the flat feature-major floats the flat products read:
     * {@code out[f * stride + j] = (staging[j * e + f] & 0xFF) * scale[c] + shift[c]} with channel
     * {@code c = f / plane}, for features {@code f < e} and examples {@code j < n} (a multiply and an add, each
     * rounded, as in the Java of {@code Batches}).
     *
     * @param staging n examples of e bytes, example-major
     * @param scale   per channel
     * @param shift   per channel
     * @param plane   features per channel
     */
    public static void featureMajor(byte[] staging, int e, int n, float[] scale, float[] shift, int plane, float[] out,
                                    int stride) {
        if (e < 1 || plane < 1 || e % plane != 0 || n < 0 || n > stride || staging.length < (long) n * e
                || scale.length < e / plane || shift.length < e / plane) {
            throw new IllegalArgumentException("A batch of " + n + " examples of " + e + " bytes in channels of " + plane
                    + " does not fit staging of " + staging.length + " bytes, " + scale.length + " scales and rows of "
                    + stride + " floats.");
        }
        check(out, (long) e * stride, "output");
        if (NativeKernels.active()) {
            NativeKernels.features(staging, e, n, scale, shift, plane, out, stride);
            return;
        }
        for (int f = 0; f < e; f++) {
            featureRow(staging, e, n, f, scale[f / plane], shift[f / plane], out, f * stride);
        }
    }

    /**
     * Gathers a minibatch's examples: {@code staging[j * e, (j + 1) * e) = pixels[order[from + j] * e, ...)} for
     * {@code j < n}. In C (when loaded) the next examples are prefetched while one is copied: read in shuffled order,
     * each example starts with a miss to memory, which the copies otherwise wait for one at a time.
     *
     * @param pixels  the dataset, e bytes per example
     * @param order   example indices
     * @param staging at least n * e bytes
     * @throws IllegalArgumentException if an index, the range of order or staging's length is out of bounds
     */
    public static void stage(byte[] pixels, int[] order, int from, int n, int e, byte[] staging) {
        if (e < 1 || n < 0 || from < 0 || from > order.length - n || staging.length < (long) n * e) {
            throw new IllegalArgumentException("Examples [" + from + ", " + from + " + " + n + ") of an order of "
                    + order.length + ", " + e + " bytes each, do not fit a staging buffer of " + staging.length + " bytes.");
        }
        long examples = pixels.length / e;
        for (int j = 0; j < n; j++) {
            int i = order[from + j];
            if (i < 0 || i >= examples) {
                throw new IllegalArgumentException("Example index " + i + " is outside the dataset's " + examples + ".");
            }
        }
        if (NativeKernels.active()) {
            NativeKernels.stage(pixels, order, from, n, e, staging);
            return;
        }
        for (int j = 0; j < n; j++) {
            System.arraycopy(pixels, order[from + j] * e, staging, j * e, e);
        }
    }

    /**
     * One feature's row of {@link #featureMajor}: {@code out[off + j] = (staging[j * e + f] & 0xFF) * scale + shift}
     * for {@code j < n}, in Java (the row-per-array layout's loop as well as the flat layout's fallback).
     */
    public static void featureRow(byte[] staging, int e, int n, int f, float scale, float shift, float[] out, int off) {
        for (int j = 0, q = f; j < n; j++, q += e) {
            out[off + j] = (staging[q] & 0xFF) * scale + shift;
        }
    }

    /** {@code y[o + j] = Math.max(y[o + j], 0f)} for {@code j < n}: the ReLU, NaN kept. */
    public static void relu(float[] y, int o, int n) {
        for (int j = o; j < o + n; j++) {
            y[j] = Math.max(y[j], 0f);
        }
    }

    /**
     * {@code d[o + j] = a[o + j] > 0 ? d[o + j] : +0} for {@code j < n}, the ReLU's gradient, without a branch (the
     * signs of a ReLU's outputs are random, so a branch mispredicts half the time): {@code a = max(z, 0)} is +0 or
     * positive (or NaN, which keeps d), so its bit pattern is 0 exactly when the gradient is cut.
     */
    public static void reluGradient(float[] d, float[] a, int o, int n) {
        for (int j = o; j < o + n; j++) {
            int keep = ~((Float.floatToRawIntBits(a[j]) - 1) >> 31);
            d[j] = Float.intBitsToFloat(Float.floatToRawIntBits(d[j]) & keep);
        }
    }

    private static float rowSum(float[] g, int go, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += g[go + j];
            s1 += g[go + j + 1];
            s2 += g[go + j + 2];
            s3 += g[go + j + 3];
        }
        for (; j < n; j++) {
            s0 += g[go + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static float[][] rows(float[] a, int rows, int stride, int n) {
        float[][] out = new float[rows][n];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, r * stride, out[r], 0, n);
        }
        return out;
    }

    private static void check(int rows, int from, int to, int stride, int n) {
        if (from < 0 || to > rows || from > to || n < 0 || n > stride) {
            throw new IllegalArgumentException("Rows [" + from + ", " + to + ") of " + rows + " with " + n
                    + " examples in rows of " + stride + " floats are out of range.");
        }
    }

    /** The C kernels index without bounds checks, so every flat array's length is checked before they run. */
    private static void check(float[] a, long need, String what) {
        if (a == null) {
            throw new IllegalArgumentException("The " + what + " array is missing.");
        }
        if (a.length < need) {
            throw new IllegalArgumentException("The " + what + " array holds " + a.length + " floats but needs " + need + ".");
        }
    }

    /**
     * Eight dot products {@code out[k + q] = sum_j g[j] x[col[k + q]][j]} sharing each load of g: nine loads
     * per eight multiply-adds and eight independent chains, which measured 1.8x the four-product kernel's rate
     * (13 against 7 GFLOP/s on one core; the JIT vectorises neither, as the sums keep their order). Each
     * product is one chain in ascending j, as in {@link #dotInOrder}.
     */
    private static void dot8(float[] g, float[][] x, int[] col, int k, float[] out, int n) {
        float[] h0 = x[col[k]];
        float[] h1 = x[col[k + 1]];
        float[] h2 = x[col[k + 2]];
        float[] h3 = x[col[k + 3]];
        float[] h4 = x[col[k + 4]];
        float[] h5 = x[col[k + 5]];
        float[] h6 = x[col[k + 6]];
        float[] h7 = x[col[k + 7]];
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        for (int j = 0; j < n; j++) {
            float gj = g[j];
            s0 += gj * h0[j];
            s1 += gj * h1[j];
            s2 += gj * h2[j];
            s3 += gj * h3[j];
            s4 += gj * h4[j];
            s5 += gj * h5[j];
            s6 += gj * h6[j];
            s7 += gj * h7[j];
        }
        out[k] = s0;
        out[k + 1] = s1;
        out[k + 2] = s2;
        out[k + 3] = s3;
        out[k + 4] = s4;
        out[k + 5] = s5;
        out[k + 6] = s6;
        out[k + 7] = s7;
    }

    /** {@link #dot8} over the active examples only: {@code g[t]} is G at example {@code at[t]}, t < m. */
    private static void dot8At(float[] g, int[] at, int m, float[][] x, int[] col, int k, float[] out) {
        float[] h0 = x[col[k]];
        float[] h1 = x[col[k + 1]];
        float[] h2 = x[col[k + 2]];
        float[] h3 = x[col[k + 3]];
        float[] h4 = x[col[k + 4]];
        float[] h5 = x[col[k + 5]];
        float[] h6 = x[col[k + 6]];
        float[] h7 = x[col[k + 7]];
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        for (int t = 0; t < m; t++) {
            int j = at[t];
            float gj = g[t];
            s0 += gj * h0[j];
            s1 += gj * h1[j];
            s2 += gj * h2[j];
            s3 += gj * h3[j];
            s4 += gj * h4[j];
            s5 += gj * h5[j];
            s6 += gj * h6[j];
            s7 += gj * h7[j];
        }
        out[k] = s0;
        out[k + 1] = s1;
        out[k + 2] = s2;
        out[k + 3] = s3;
        out[k + 4] = s4;
        out[k + 5] = s5;
        out[k + 6] = s6;
        out[k + 7] = s7;
    }

    /** Four of {@link #dot8}'s chains (a row's remainder). */
    private static void dot4(float[] g, float[][] x, int[] col, int k, float[] out, int n) {
        float[] h0 = x[col[k]];
        float[] h1 = x[col[k + 1]];
        float[] h2 = x[col[k + 2]];
        float[] h3 = x[col[k + 3]];
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        for (int j = 0; j < n; j++) {
            float gj = g[j];
            s0 += gj * h0[j];
            s1 += gj * h1[j];
            s2 += gj * h2[j];
            s3 += gj * h3[j];
        }
        out[k] = s0;
        out[k + 1] = s1;
        out[k + 2] = s2;
        out[k + 3] = s3;
    }

    /** {@link #dot4} over the active examples only. */
    private static void dot4At(float[] g, int[] at, int m, float[][] x, int[] col, int k, float[] out) {
        float[] h0 = x[col[k]];
        float[] h1 = x[col[k + 1]];
        float[] h2 = x[col[k + 2]];
        float[] h3 = x[col[k + 3]];
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        for (int t = 0; t < m; t++) {
            int j = at[t];
            float gj = g[t];
            s0 += gj * h0[j];
            s1 += gj * h1[j];
            s2 += gj * h2[j];
            s3 += gj * h3[j];
        }
        out[k] = s0;
        out[k + 1] = s1;
        out[k + 2] = s2;
        out[k + 3] = s3;
    }

    /** One chain {@code sum_j g[j] h[j]} in ascending j (the order {@link #dot8} keeps per product). */
    private static float dotInOrder(float[] g, float[] h, int n) {
        float s = 0f;
        for (int j = 0; j < n; j++) {
            s += g[j] * h[j];
        }
        return s;
    }

    /** {@link #dotInOrder} over the active examples only. */
    private static float dotAt(float[] g, int[] at, int m, float[] h) {
        float s = 0f;
        for (int t = 0; t < m; t++) {
            s += g[t] * h[at[t]];
        }
        return s;
    }

    /** y += ((a0 x0 + a1 x1) + a2 x2) + a3 x3, one row pass for four weights. */
    private static void axpy4(float[] y, float a0, float[] x0, float a1, float[] x1, float a2, float[] x2,
                              float a3, float[] x3, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += a0 * x0[j] + a1 * x1[j] + a2 * x2[j] + a3 * x3[j];
        }
    }

    private static void axpy1(float[] y, float a, float[] x, int n) {
        for (int j = 0; j < n; j++) {
            y[j] += a * x[j];
        }
    }
}
