package dev.jackpot.sparse;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The C kernels, built here as {@code ./jackpot} builds them, give the Java kernels' bits: every shape, stride,
 * row split and density, and NaN in the gaps between rows (which neither may read). Skipped without a C compiler.
 */
class NativeKernelsTest {

    /**
     * Where this test builds the library: under target/, so that jackpot-nn's tests, which run after these in one
     * build, load this build instead of compiling the same source again (about 30 s).
     */
    static final Path BUILT = Path.of("target/test-native").resolve(NativeKernels.LIBRARY).toAbsolutePath();

    @BeforeAll
    static void build() throws Exception {
        Path src = Path.of("src/main/native/sparse_kernels.c").toAbsolutePath();
        assertTrue(Files.isRegularFile(src), src + " is missing");
        Files.createDirectories(BUILT.getParent());
        Files.deleteIfExists(BUILT);
        // built under another name and renamed, so a failed build leaves nothing for jackpot-nn's tests to load
        Path tmp = BUILT.resolveSibling(NativeKernels.LIBRARY + ".tmp");
        String failed = NativeKernels.build(src, tmp);
        Path so = failed == null ? Files.move(tmp, BUILT, StandardCopyOption.ATOMIC_MOVE) : tmp;
        assumeTrue(failed == null || !failed.startsWith(NativeKernels.COMPILER_FAILED),
                "no C compiler or JNI headers here: " + failed);
        assertNull(failed, "the C kernels do not compile");
        assertTrue(NativeKernels.load(so), NativeKernels.describe());
        assertTrue(NativeKernels.active());
        assertTrue(NativeKernels.describe().startsWith("sparse products in C"), NativeKernels.describe());
    }

    @Test
    void theLauncherBuildsWithTheSameFlags() throws Exception {
        String launcher = Files.readString(Path.of("../jackpot"));
        assertTrue(launcher.contains("cc " + String.join(" ", NativeKernels.CC_FLAGS) + " "),
                "./jackpot must build the library with " + NativeKernels.CC_FLAGS);
    }

    private static float[] values(Rng rng, int count, double zeros) {
        float[] a = new float[count];
        for (int i = 0; i < count; i++) {
            a[i] = rng.nextDouble() < zeros ? 0f : (float) rng.nextGaussian();
        }
        return a;
    }

    /** Feature-major rows of n values with the given stride; the gaps hold NaN. */
    private static float[] batch(Rng rng, int rows, int stride, int n, double zeros) {
        float[] a = new float[rows * stride];
        Arrays.fill(a, Float.NaN);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values(rng, n, zeros), 0, a, r * stride, n);
        }
        return a;
    }

    @Test
    void theCKernelsGiveTheJavaKernelsBitsForEveryShape() {
        Rng rng = Seeds.stream(11, "native");
        int[][] shapes = {{1, 1}, {7, 5}, {13, 23}, {40, 33}, {300, 64}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            for (double density : new double[] {0.02, 0.3, 1.0}) {
                float[] mask = new float[rows * cols];
                for (int i = 0; i < mask.length; i++) {
                    mask[i] = rng.nextDouble() < density ? 1f : 0f;
                }
                CsrPattern p = CsrPattern.ofMask(mask, rows, cols);
                for (int[] ns : new int[][] {{1, 1}, {5, 7}, {5, 16}, {16, 16}, {17, 19}, {60, 64}, {96, 96}, {128, 130},
                        {150, 160}}) {
                    // strides that are whole vectors let the C's last block read into the row's padding
                    int n = ns[0];
                    int stride = ns[1];
                    float[] w = values(rng, p.nnz(), 0);
                    float[] bias = values(rng, rows, 0);
                    float[] x = batch(rng, cols, stride, n, 0.3);
                    float[] g = batch(rng, rows, stride, n, 0.5);
                    String where = rows + " x " + cols + ", density " + density + ", n " + n;
                    float[][] java = products(p, w, bias, x, g, stride, n, false);
                    float[][] c = products(p, w, bias, x, g, stride, n, true);
                    for (int q = 0; q < java.length; q++) {
                        assertBits(java[q], c[q], where + ", product " + q);
                    }
                }
            }
        }
    }

    /**
     * forward (with and without bias, with the ReLU), input gradient (plain and times the ReLU's gradient), weight
     * gradient, the rows' sums (the bias gradient); rows split unevenly, as threads split them.
     */
    private static float[][] products(CsrPattern p, float[] w, float[] bias, float[] x, float[] g, int stride, int n,
                                      boolean inC) {
        NativeKernels.setEnabled(inC);
        try {
            assertEquals(inC, NativeKernels.active());
            float[] z = new float[p.rows() * stride];
            float[] z0 = new float[p.rows() * stride];
            float[] zr = new float[p.rows() * stride];
            float[] dx = new float[p.cols() * stride];
            float[] dxr = new float[p.cols() * stride];
            float[] dw = new float[p.nnz()];
            float[] db = new float[p.rows()];
            // x with its negative entries cut to +0 is a ReLU's output; NaN in the gaps stays unread
            float[] act = x.clone();
            for (int i = 0; i < act.length; i++) {
                act[i] = act[i] < 0 ? 0f : act[i];
            }
            int rowSplit = p.rows() / 3;
            int colSplit = (2 * p.cols()) / 3;
            SparseKernels.forward(p, w, bias, x, z, stride, n, false, 0, rowSplit);
            SparseKernels.forward(p, w, bias, x, z, stride, n, false, rowSplit, p.rows());
            SparseKernels.forward(p, w, null, x, z0, stride, n, false, 0, p.rows());
            SparseKernels.forward(p, w, bias, x, zr, stride, n, true, 0, p.rows());
            SparseKernels.inputGradient(p, w, g, null, dx, stride, n, 0, colSplit);
            SparseKernels.inputGradient(p, w, g, null, dx, stride, n, colSplit, p.cols());
            SparseKernels.inputGradient(p, w, g, act, dxr, stride, n, 0, p.cols());
            SparseKernels.weightGradient(p, g, x, dw, stride, n, rowSplit, p.rows());
            SparseKernels.weightGradient(p, g, x, dw, stride, n, 0, rowSplit);
            SparseKernels.rowSums(g, db, stride, n, rowSplit, p.rows());
            SparseKernels.rowSums(g, db, stride, n, 0, rowSplit);
            return new float[][] {db, rowsOnly(z, p.rows(), stride, n), rowsOnly(z0, p.rows(), stride, n),
                    rowsOnly(zr, p.rows(), stride, n), rowsOnly(dx, p.cols(), stride, n),
                    rowsOnly(dxr, p.cols(), stride, n), dw};
        } finally {
            NativeKernels.setEnabled(true);
        }
    }

    private static float[] rowsOnly(float[] a, int rows, int stride, int n) {
        float[] out = new float[rows * n];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, r * stride, out, r * n, n);
        }
        return out;
    }

    private static void assertBits(float[] expected, float[] actual, String where) {
        assertEquals(expected.length, actual.length, where);
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
                throw new AssertionError(where + ": element " + i + " is " + actual[i] + " in C, " + expected[i] + " in Java");
            }
        }
    }

    @Test
    void theCTransposeOfABatchOfPixelsGivesTheJavaBits() {
        Rng rng = Seeds.stream(12, "pixels");
        // one channel of 784 (49 blocks of 16), three channels of 20 (blocks straddle channels, a remainder of 12)
        for (int[] shape : new int[][] {{784, 784}, {60, 20}}) {
            int e = shape[0];
            int plane = shape[1];
            float[] scale = values(rng, e / plane, 0);
            float[] shift = values(rng, e / plane, 0);
            for (int n : new int[] {1, 17, 128}) {
                byte[] st = new byte[n * e];
                for (int i = 0; i < st.length; i++) {
                    st[i] = (byte) rng.nextInt(256);
                }
                int stride = n + 3;
                float[][] out = new float[2][e * stride];
                for (int c = 0; c < 2; c++) {
                    NativeKernels.setEnabled(c == 1);
                    try {
                        SparseKernels.featureMajor(st, e, n, scale, shift, plane, out[c], stride);
                    } finally {
                        NativeKernels.setEnabled(true);
                    }
                }
                assertBits(out[0], out[1], e + " features, n " + n);
                assertEquals((st[0] & 0xFF) * scale[0] + shift[0], out[0][0]);
            }
        }
    }

    @Test
    void theCStagingCopiesTheSameExamplesAndRefusesABadIndex() {
        Rng rng = Seeds.stream(13, "stage");
        int e = 784;
        byte[] pixels = new byte[500 * e];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) rng.nextInt(256);
        }
        int[] order = new int[300];
        for (int i = 0; i < order.length; i++) {
            order[i] = rng.nextInt(500);
        }
        // batches shorter and longer than the prefetch distance, at an offset into the order
        for (int n : new int[] {0, 1, 5, 60, 128}) {
            byte[] java = new byte[n * e + 7];
            byte[] c = new byte[n * e + 7];
            NativeKernels.setEnabled(false);
            try {
                SparseKernels.stage(pixels, order, 17, n, e, java);
            } finally {
                NativeKernels.setEnabled(true);
            }
            SparseKernels.stage(pixels, order, 17, n, e, c);
            assertArrayEquals(java, c, "batch of " + n);
            for (int j = 0; j < n; j++) {
                assertEquals(pixels[order[17 + j] * e + 5], c[j * e + 5]);
            }
        }
        int[] bad = {3, 500, 4};
        assertThrows(IllegalArgumentException.class, () -> SparseKernels.stage(pixels, bad, 0, 3, e, new byte[3 * e]));
        assertThrows(IllegalArgumentException.class, () -> SparseKernels.stage(pixels, order, 299, 2, e, new byte[2 * e]));
        assertThrows(IllegalArgumentException.class, () -> SparseKernels.stage(pixels, order, 0, 2, e, new byte[e]));
    }

    @Test
    void theCExponentialsGiveTheJavaBits() {
        Rng rng = Seeds.stream(14, "exp");
        double[] specials = {Double.NaN, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, -0.0, 0.0, -708.0,
            Math.nextUp(-708.0), -707.5, 709.78, Exponentials.HIGH, Math.nextUp(Exponentials.HIGH), -1e-300, 3.5};
        // every length of a short last group of eight, and a long array of logit-like and extreme values
        for (int count : new int[] {0, 1, 7, 8, 9, 15, 16, 1000, 100_003}) {
            double[] x = new double[count + 3];
            for (int i = 0; i < x.length; i++) {
                x[i] = i < specials.length ? specials[i]
                        : i % 2 == 0 ? -40 * rng.nextDouble() : 1500 * (rng.nextDouble() - 0.5);
            }
            double[] c = x.clone();
            Exponentials.expInPlace(c, count);
            for (int i = 0; i < x.length; i++) {
                double want = i < count ? Exponentials.exp(x[i]) : x[i];
                if (Double.doubleToRawLongBits(want) != Double.doubleToRawLongBits(c[i])) {
                    throw new AssertionError("exp(" + x[i] + ") of " + count + " is " + c[i] + " in C, " + want + " in Java");
                }
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Exponentials.expInPlace(new double[3], 4));
    }

    @Test
    void onceALibraryIsLoadedASecondPathIsNotOpened() {
        // the loaded library stays in use; a second path is not opened
        assertTrue(NativeKernels.load(BUILT.resolveSibling("absent").resolve(NativeKernels.LIBRARY)));
        assertFalse(NativeKernels.describe().contains("absent"), NativeKernels.describe());
    }
}
