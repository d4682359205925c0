package dev.jackpot.sparse;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CSR kernels against dense products computed in double, and their independence of the row split. */
class SparseKernelsTest {

    private static final int ROWS = 13;
    private static final int COLS = 23;

    private static float[] mask(Rng rng, double density) {
        float[] m = new float[ROWS * COLS];
        for (int i = 0; i < m.length; i++) {
            m[i] = rng.nextDouble() < density ? 1f : 0f;
        }
        // one empty row and one full row exercise the remainder loops
        for (int i = 0; i < COLS; i++) {
            m[2 * COLS + i] = 0f;
            m[5 * COLS + i] = 1f;
        }
        return m;
    }

    private static float[][] rows(Rng rng, int r, int n) {
        float[][] x = new float[r][n];
        for (float[] row : x) {
            for (int j = 0; j < n; j++) {
                row[j] = (float) rng.nextGaussian();
            }
        }
        return x;
    }

    /** The four products of the row-per-array layout over all rows: forward, input, weight and bias gradients. */
    private record RowProducts(float[][] z, float[][] dx, float[] dw, float[] db) {
        static RowProducts of(CsrPattern p, float[] w, float[] bias, float[][] x, float[][] g, int n) {
            RowProducts r = new RowProducts(new float[ROWS][n], new float[COLS][n], new float[p.nnz()], new float[ROWS]);
            SparseKernels.forward(p, w, bias, x, r.z, n, 0, ROWS);
            SparseKernels.inputGradient(p, w, g, r.dx, n, 0, COLS);
            SparseKernels.weightGradient(p, g, x, r.dw, n, 0, ROWS);
            SparseKernels.rowSums(g, r.db, n, 0, ROWS);
            return r;
        }
    }

    @Test
    void productsMatchTheDenseMaskedMatrix() {
        Rng rng = Seeds.stream(1, "kernels");
        for (int n : new int[] {1, 2, 7, 16, 33}) {
            // rows of 0 to 23 kept weights: the 8-, 4- and 1-weight loops and their remainders
            float[] m = mask(rng, n % 2 == 0 ? 0.4 : 0.85);
            CsrPattern p = CsrPattern.ofMask(m, ROWS, COLS);
            float[] dense = new float[ROWS * COLS];
            for (int i = 0; i < dense.length; i++) {
                dense[i] = (float) rng.nextGaussian();
            }
            float[] w = p.gather(dense);
            float[] bias = new float[ROWS];
            for (int o = 0; o < ROWS; o++) {
                bias[o] = (float) rng.nextGaussian();
            }
            float[][] x = rows(rng, COLS, n);
            float[][] g = rows(rng, ROWS, n);
            RowProducts rp = RowProducts.of(p, w, bias, x, g, n);
            float[][] z = rp.z();
            float[][] dx = rp.dx();
            float[] dw = rp.dw();
            float[] db = rp.db();
            float[] dwDense = p.scatter(dw);
            for (int o = 0; o < ROWS; o++) {
                double sb = 0;
                for (int j = 0; j < n; j++) {
                    double s = bias[o];
                    for (int i = 0; i < COLS; i++) {
                        s += m[o * COLS + i] * dense[o * COLS + i] * x[i][j];
                    }
                    assertEquals(s, z[o][j], 1e-5, "forward");
                    sb += g[o][j];
                }
                assertEquals(sb, db[o], 1e-5, "bias gradient");
                for (int i = 0; i < COLS; i++) {
                    double s = 0;
                    for (int j = 0; j < n; j++) {
                        s += g[o][j] * x[i][j];
                    }
                    assertEquals(m[o * COLS + i] * s, dwDense[o * COLS + i], 1e-5, "weight gradient");
                }
            }
            for (int i = 0; i < COLS; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int o = 0; o < ROWS; o++) {
                        s += m[o * COLS + i] * dense[o * COLS + i] * g[o][j];
                    }
                    assertEquals(s, dx[i][j], 1e-5, "input gradient");
                }
            }
            // any split of the rows gives the same bits
            float[][] z2 = new float[ROWS][n];
            float[][] dx2 = new float[COLS][n];
            float[] dw2 = new float[p.nnz()];
            for (int[] r : new int[][] {{0, 3}, {3, 4}, {4, 9}, {9, ROWS}}) {
                SparseKernels.forward(p, w, bias, x, z2, n, r[0], r[1]);
                SparseKernels.weightGradient(p, g, x, dw2, n, r[0], r[1]);
            }
            SparseKernels.inputGradient(p, w, g, dx2, n, 0, 5);
            SparseKernels.inputGradient(p, w, g, dx2, n, 5, COLS);
            for (int o = 0; o < ROWS; o++) {
                assertArrayEquals(z[o], z2[o]);
            }
            for (int i = 0; i < COLS; i++) {
                assertArrayEquals(dx[i], dx2[i]);
            }
            assertArrayEquals(dw, dw2);
        }
    }

    @Test
    void weightGradientSkipsTheZerosOfAReluGradientWithoutChangingABit() {
        Rng rng = Seeds.stream(3, "relu-zeros");
        int n = 60;
        CsrPattern p = CsrPattern.ofMask(mask(rng, 0.7), ROWS, COLS);
        float[][] x = rows(rng, COLS, n);
        float[][] g = rows(rng, ROWS, n);
        for (int o = 0; o < ROWS; o++) {
            // rows 0-3 keep every entry (the unindexed products), the others lose 10% to 90% to the "ReLU"
            double cut = o < 4 ? 0 : 0.1 * (o - 3);
            for (int j = 0; j < n; j++) {
                if (rng.nextDouble() < cut) {
                    g[o][j] = (j % 2 == 0) ? 0f : -0f;
                }
            }
        }
        float[] dw = new float[p.nnz()];
        SparseKernels.weightGradient(p, g, x, dw, n, 0, ROWS);
        int[] rowPtr = p.rowPtr();
        int[] col = p.colIndex();
        for (int o = 0; o < ROWS; o++) {
            for (int k = rowPtr[o]; k < rowPtr[o + 1]; k++) {
                // the documented order: one float chain over every example, zeros included
                float s = 0f;
                for (int j = 0; j < n; j++) {
                    s += g[o][j] * x[col[k]][j];
                }
                assertEquals(Float.floatToRawIntBits(s), Float.floatToRawIntBits(dw[k]), "row " + o + ", entry " + k);
            }
        }
    }

    /** Rows of n floats laid out with a stride; the gaps hold NaN, which no product may read. */
    static float[] flat(float[][] rows, int stride) {
        float[] out = new float[rows.length * stride];
        Arrays.fill(out, Float.NaN);
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * stride, rows[r].length);
        }
        return out;
    }

    @Test
    void flatMatricesGiveTheRowLayoutsBits() {
        Rng rng = Seeds.stream(4, "flat");
        int n = 37;
        int stride = 40;
        CsrPattern p = CsrPattern.ofMask(mask(rng, 0.5), ROWS, COLS);
        float[] w = p.gather(flat(rows(rng, ROWS, COLS), COLS));
        float[] bias = flat(rows(rng, 1, ROWS), ROWS);
        float[][] x = rows(rng, COLS, n);
        float[][] g = rows(rng, ROWS, n);
        RowProducts byRow = RowProducts.of(p, w, bias, x, g, n);
        float[] zf = new float[ROWS * stride];
        float[] dxf = new float[COLS * stride];
        float[] dwf = new float[p.nnz()];
        float[] dbf = new float[ROWS];
        float[] xf = flat(x, stride);
        float[] gf = flat(g, stride);
        SparseKernels.forward(p, w, bias, xf, zf, stride, n, false, 0, 5);
        SparseKernels.forward(p, w, bias, xf, zf, stride, n, false, 5, ROWS);
        SparseKernels.inputGradient(p, w, gf, null, dxf, stride, n, 0, COLS);
        float[] zrf = new float[ROWS * stride];
        float[] dxrf = new float[COLS * stride];
        SparseKernels.forward(p, w, bias, xf, zrf, stride, n, true, 0, ROWS);
        SparseKernels.weightGradient(p, gf, xf, dwf, stride, n, 0, ROWS);
        SparseKernels.rowSums(gf, dbf, stride, n, 0, ROWS);
        for (int o = 0; o < ROWS; o++) {
            assertArrayEquals(byRow.z()[o], Arrays.copyOfRange(zf, o * stride, o * stride + n), "forward row " + o);
        }
        for (int i = 0; i < COLS; i++) {
            assertArrayEquals(byRow.dx()[i], Arrays.copyOfRange(dxf, i * stride, i * stride + n), "input gradient row " + i);
        }
        assertArrayEquals(byRow.dw(), dwf);
        assertArrayEquals(byRow.db(), dbf);
        for (int o = 0; o < ROWS; o++) {
            for (int j = 0; j < n; j++) {
                assertEquals(Float.floatToRawIntBits(Math.max(byRow.z()[o][j], 0f)), Float.floatToRawIntBits(zrf[o * stride + j]),
                        "relu forward");
            }
        }
        // the input gradient times the ReLU's gradient, with x's positive part as the activations
        float[][] act = new float[COLS][n];
        for (int i = 0; i < COLS; i++) {
            for (int j = 0; j < n; j++) {
                act[i][j] = Math.max(x[i][j], 0f);
            }
            SparseKernels.reluGradient(byRow.dx()[i], act[i], 0, n);
        }
        SparseKernels.inputGradient(p, w, gf, flat(act, stride), dxrf, stride, n, 0, COLS);
        for (int i = 0; i < COLS; i++) {
            assertArrayEquals(byRow.dx()[i], Arrays.copyOfRange(dxrf, i * stride, i * stride + n), "cut input gradient row " + i);
            for (int j = 0; j < n; j++) {
                if (act[i][j] == 0f) {
                    assertEquals(0, Float.floatToRawIntBits(dxrf[i * stride + j]), "a cut gradient is +0");
                }
            }
        }
    }

    @Test
    void flatArraysTooShortForTheirShapeAreRefusedBeforeAnyProductRuns() {
        CsrPattern p = CsrPattern.dense(3, 4);
        float[] w = new float[12];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SparseKernels.forward(p, w, null, new float[4 * 8 - 1], new float[3 * 8], 8, 8, false, 0, 3));
        assertTrue(e.getMessage().contains("input array holds 31 floats but needs 32"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> SparseKernels.weightGradient(p, new float[24], new float[32], new float[11], 8, 8, 0, 3));
        assertThrows(IllegalArgumentException.class,
                () -> SparseKernels.inputGradient(p, w, new float[24], null, new float[32], 8, 9, 0, 4));
        assertThrows(IllegalArgumentException.class,
                () -> SparseKernels.inputGradient(p, w, new float[24], new float[31], new float[32], 8, 8, 0, 4));
        assertThrows(IllegalArgumentException.class,
                () -> SparseKernels.forward(p, w, null, new float[32], new float[24], 8, 8, false, 2, 4));
        assertThrows(IllegalArgumentException.class,
                () -> SparseKernels.forward(p, w, new float[2], new float[32], new float[24], 8, 8, false, 0, 3));
    }

    @Test
    void patternGathersScattersAndValidates() {
        float[] m = mask(Seeds.stream(2, "pattern"), 0.3);
        CsrPattern p = CsrPattern.ofMask(m, ROWS, COLS);
        int kept = 0;
        for (float v : m) {
            kept += (int) v;
        }
        assertEquals(kept, p.nnz());
        assertEquals(kept / (double) (ROWS * COLS), p.density(), 1e-15);
        float[] dense = new float[ROWS * COLS];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = i + 1;
        }
        float[] back = p.scatter(p.gather(dense));
        for (int i = 0; i < dense.length; i++) {
            assertEquals(m[i] == 1f ? dense[i] : 0f, back[i]);
            if (m[i] == 0f) {
                assertEquals(0, Float.floatToRawIntBits(back[i]), "masked entries are +0.0");
            }
        }
        assertEquals(ROWS * COLS, CsrPattern.dense(ROWS, COLS).nnz());
        assertThrows(IllegalArgumentException.class, () -> CsrPattern.ofMask(new float[] {0.5f, 1f}, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> CsrPattern.ofMask(new float[] {1f, 1f, 0f}, 1, 2));
    }
}
