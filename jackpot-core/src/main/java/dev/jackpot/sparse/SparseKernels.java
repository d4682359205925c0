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
 * row axpys). With one flat array ({@code a[r * stride + j]}) they run in {@link NativeKernels}' C where it is
 * loaded, which also vectorises the weight gradient (a float sum, which the JIT leaves scalar); the JIT of
 * Java 17 does not vectorise a loop over rows of one array at different offsets, so without the C the flat
 * methods copy to rows and back (correct, not fast: callers choose the layout by {@link NativeKernels#active()}).
 */
public final class SparseKernels {

    /** Lanes of the weight gradient's sums (the width of one AVX-512 register of floats). */
    public static final int LANES = 16;

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
     * Weight gradient for the kept weights of rows {@code [from, to)}, in {@value #LANES} lanes: lane l sums
     * {@code G[o][j] X[col[k]][j]} over {@code j = l, l + 16, l + 32, ... < n} in ascending j, from +0, and the
     * lanes are added pairwise, {@code a_l = s_l + s_(l+8)}, {@code b_l = a_l + a_(l+4)},
     * {@code c_l = b_l + b_(l+2)}, {@code dW_k = c_0 + c_1}. That is the order of one AVX-512 register of
     * partial sums, which the C kernel keeps.
     *
     * <p>Below a ReLU about half of G's entries are exactly zero (inactive units). Skipping them changes no bit
     * (adding a product {@code +-0} to a float sum that started at +0 leaves it as it is, for finite X), so these
     * loops run each lane over its active examples only.
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
        // lane l's active examples sit at [start[l], end[l]) of at/ga, ascending; one spare slot per lane
        // takes the branch-free write of a zero entry
        int[] at = new int[n + LANES];
        float[] ga = new float[n + LANES];
        int[] start = new int[LANES];
        int[] end = new int[LANES];
        float[] lanes = new float[8 * LANES];
        for (int o = from; o < to; o++) {
            compactByLane(g[o], n, at, ga, start, end);
            int k = rowPtr[o];
            int stop = rowPtr[o + 1];
            for (; k + 7 < stop; k += 8) {
                lanes8(at, ga, start, end, x, col, k, lanes);
                for (int q = 0; q < 8; q++) {
                    dw[k + q] = fold(lanes, q * LANES);
                }
            }
            for (; k < stop; k++) {
                float[] h = x[col[k]];
                for (int l = 0; l < LANES; l++) {
                    float s = 0f;
                    for (int t = start[l]; t < end[l]; t++) {
                        s += ga[t] * h[at[t]];
                    }
                    lanes[l] = s;
                }
                dw[k] = fold(lanes, 0);
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
     */
    public static void forward(CsrPattern p, float[] w, float[] bias, float[] x, float[] z, int stride, int n,
                               int from, int to) {
        check(p.rows(), from, to, stride, n);
        check(w, p.nnz(), "weights");
        if (bias != null) {
            check(bias, p.rows(), "biases");
        }
        check(x, (long) p.cols() * stride, "input");
        check(z, (long) p.rows() * stride, "output");
        if (NativeKernels.active()) {
            NativeKernels.forward(p.rowPtr(), p.colIndex(), w, bias, x, z, stride, n, from, to);
            return;
        }
        float[][] zr = new float[p.rows()][n];
        forward(p, w, bias, rows(x, p.cols(), stride, n), zr, n, from, to);
        unrows(zr, z, stride, n, from, to);
    }

    /**
     * {@link #inputGradient(CsrPattern, float[], float[][], float[][], int, int, int)} on flat matrices: g with the
     * pattern's rows, dx its columns, row r at {@code [r * stride, r * stride + n)}.
     */
    public static void inputGradient(CsrPattern p, float[] w, float[] g, float[] dx, int stride, int n, int from, int to) {
        check(p.cols(), from, to, stride, n);
        check(w, p.nnz(), "weights");
        check(g, (long) p.rows() * stride, "output gradient");
        check(dx, (long) p.cols() * stride, "input gradient");
        if (NativeKernels.active()) {
            NativeKernels.inputGradient(p.colPtr(), p.colPos(), p.rowOfEntry(), w, g, dx, stride, n, from, to);
            return;
        }
        float[][] dxr = new float[p.cols()][n];
        inputGradient(p, w, rows(g, p.rows(), stride, n), dxr, n, from, to);
        unrows(dxr, dx, stride, n, from, to);
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
        for (int o = from; o < to; o++) {
            db[o] = rowSum(g, o * stride, n);
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

    private static void unrows(float[][] rows, float[] a, int stride, int n, int from, int to) {
        for (int r = from; r < to; r++) {
            System.arraycopy(rows[r], 0, a, r * stride, n);
        }
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
     * Lists row g's non-zero entries among the first n by lane ({@code j mod 16}), ascending within a lane: a
     * count, then a branch-free pass in which every entry is written and only a non-zero one advances its lane's
     * cursor (a ReLU's zeros are a coin toss per entry, which a branch would mispredict).
     */
    private static void compactByLane(float[] g, int n, int[] at, float[] ga, int[] start, int[] end) {
        Arrays.fill(end, 0);
        for (int j = 0; j < n; j++) {
            end[j & (LANES - 1)] += g[j] != 0f ? 1 : 0;
        }
        int s = 0;
        for (int l = 0; l < LANES; l++) {
            int c = end[l];
            start[l] = s;
            end[l] = s;
            s += c + 1;
        }
        for (int j = 0; j < n; j++) {
            float v = g[j];
            int l = j & (LANES - 1);
            int pos = end[l];
            at[pos] = j;
            ga[pos] = v;
            end[l] = pos + (v != 0f ? 1 : 0);
        }
    }

    /**
     * The lane sums of eight kept weights {@code k .. k + 7} of one row, sharing each load of G (nine loads per
     * eight multiply-adds, eight independent chains): {@code lanes[q * 16 + l]} is lane l of weight {@code k + q}.
     */
    private static void lanes8(int[] at, float[] ga, int[] start, int[] end, float[][] x, int[] col, int k, float[] lanes) {
        float[] h0 = x[col[k]];
        float[] h1 = x[col[k + 1]];
        float[] h2 = x[col[k + 2]];
        float[] h3 = x[col[k + 3]];
        float[] h4 = x[col[k + 4]];
        float[] h5 = x[col[k + 5]];
        float[] h6 = x[col[k + 6]];
        float[] h7 = x[col[k + 7]];
        for (int l = 0; l < LANES; l++) {
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            float s4 = 0f;
            float s5 = 0f;
            float s6 = 0f;
            float s7 = 0f;
            for (int t = start[l], e = end[l]; t < e; t++) {
                int j = at[t];
                float gj = ga[t];
                s0 += gj * h0[j];
                s1 += gj * h1[j];
                s2 += gj * h2[j];
                s3 += gj * h3[j];
                s4 += gj * h4[j];
                s5 += gj * h5[j];
                s6 += gj * h6[j];
                s7 += gj * h7[j];
            }
            lanes[l] = s0;
            lanes[LANES + l] = s1;
            lanes[2 * LANES + l] = s2;
            lanes[3 * LANES + l] = s3;
            lanes[4 * LANES + l] = s4;
            lanes[5 * LANES + l] = s5;
            lanes[6 * LANES + l] = s6;
            lanes[7 * LANES + l] = s7;
        }
    }

    /** The pairwise sum of 16 lanes at {@code s[o ..]}: halves, then quarters, eighths and the last pair. */
    private static float fold(float[] s, int o) {
        float b0 = (s[o] + s[o + 8]) + (s[o + 4] + s[o + 12]);
        float b1 = (s[o + 1] + s[o + 9]) + (s[o + 5] + s[o + 13]);
        float b2 = (s[o + 2] + s[o + 10]) + (s[o + 6] + s[o + 14]);
        float b3 = (s[o + 3] + s[o + 11]) + (s[o + 7] + s[o + 15]);
        return (b0 + b2) + (b1 + b3);
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
