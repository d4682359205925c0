package dev.jackpot.sparse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The C build of {@link SparseKernels}' products ({@code jackpot-core/src/main/native/sparse_kernels.c},
 * {@value #LIBRARY}). It vectorises the weight gradient, whose dot products the JIT leaves scalar (a float sum
 * keeps its order), across 16 kept weights at a time instead of across examples; it holds a block of the batch
 * in registers across a row's kept weights in the forward product and input gradient, with the ReLU and its
 * gradient applied as each block is stored; and it transposes a minibatch's pixels to feature-major floats
 * ({@link SparseKernels#featureMajor}) in 16 x 16 register blocks.
 *
 * <p>The C computes every element in the Java loops' order with one rounding per operation, so results are
 * bit for bit the same with or without it ({@code NativeKernelsTest}): loading it changes speed only, and a
 * sweep whose trials run in different processes, some with it and some without, still agrees.
 *
 * <p>Loaded at class initialisation from the path in the system property {@value #PROPERTY} or else the
 * environment variable {@value #ENVIRONMENT} ({@code ./jackpot} builds the library with {@code cc} on first
 * use and sets the property); without either, or if the file cannot be loaded, the Java loops run and
 * {@link #describe()} says why.
 */
public final class NativeKernels {

    /** The library's file name. */
    public static final String LIBRARY = "libjackpot-sparse.so";
    /** System property naming the library's path. */
    public static final String PROPERTY = "jackpot.sparse.native";
    /** Environment variable naming the library's path, where the property is not set. */
    public static final String ENVIRONMENT = "JACKPOT_SPARSE_NATIVE";

    /**
     * The C compiler's flags, as {@code ./jackpot} passes them: {@code -ffp-contract=off} keeps one rounding per
     * multiply and per add (no fused multiply-add), which is what makes the C's bits the Java loops'.
     */
    public static final List<String> CC_FLAGS = List.of("-O3", "-ffp-contract=off", "-Wno-psabi", "-shared", "-fPIC");

    /** How {@link #build} begins its answer when the compiler ran and rejected the source. */
    public static final String COMPILER_FAILED = "cc failed: ";

    /** The interface version the Java side expects from {@code abi()}. */
    private static final int ABI = 6;

    private static volatile boolean loaded;
    private static volatile boolean enabled = true;
    private static volatile String status = "not requested (set -D" + PROPERTY + " or " + ENVIRONMENT + ")";
    private static int vectorBits;

    static {
        String path = System.getProperty(PROPERTY);
        if (path == null || path.isBlank()) {
            path = System.getenv(ENVIRONMENT);
        }
        if (path != null && !path.isBlank()) {
            load(Path.of(path));
        }
    }

    private NativeKernels() {
    }

    /**
     * Loads the library, if no library is loaded yet.
     *
     * @param library the path of a built {@value #LIBRARY}
     * @return whether the C kernels are now in use; when not, {@link #describe()} gives the reason
     */
    public static synchronized boolean load(Path library) {
        if (loaded) {
            return true;
        }
        Path abs = library.toAbsolutePath();
        if (!Files.isRegularFile(abs)) {
            status = "not loaded: " + abs + " does not exist";
            return false;
        }
        try {
            System.load(abs.toString());
            int abi = abi();
            if (abi != ABI) {
                status = "not loaded: " + abs + " has interface " + abi + ", this code needs " + ABI + " (rebuild it)";
                return false;
            }
            vectorBits = vectorBits();
            loaded = true;
            status = "loaded from " + abs;
            return true;
        } catch (UnsatisfiedLinkError e) {
            status = "not loaded: " + e.getMessage();
            return false;
        }
    }

    /**
     * Compiles the library with {@code cc} and {@link #CC_FLAGS} (what {@code ./jackpot} does on first use), for a
     * JVM started another way: a test, a library user's program, a Spark executor.
     *
     * @param source  {@code sparse_kernels.c}
     * @param library the file to write
     * @return null on success, otherwise why it failed: no compiler or no JNI headers, or {@value #COMPILER_FAILED}
     *         and the compiler's message
     * @throws InterruptedException if interrupted while the compiler runs
     */
    public static String build(Path source, Path library) throws InterruptedException {
        Path jdk = Path.of(System.getProperty("java.home"));
        if (!Files.isRegularFile(jdk.resolve("include/jni.h"))) {
            return "no JNI headers under " + jdk + " (a JDK, not a JRE, has them)";
        }
        List<String> cmd = new ArrayList<>(List.of("cc"));
        cmd.addAll(CC_FLAGS);
        cmd.addAll(List.of("-I" + jdk.resolve("include"), "-I" + jdk.resolve("include/linux"), "-o", library.toString(),
                source.toString()));
        try {
            Path log = Files.createTempFile("jackpot-cc", ".log");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                if (!p.waitFor(300, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    return "cc did not finish in 300 s";
                }
                return p.exitValue() == 0 ? null : COMPILER_FAILED + Files.readString(log).strip();
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            return "cannot run cc: " + e.getMessage();
        }
    }

    /** @return whether the products run in C */
    public static boolean active() {
        return loaded && enabled;
    }

    /**
     * Turns the C kernels off and on in a process that loaded them (to compare the two paths). Engines choose their
     * layout when built, so this applies to the ones built after it.
     */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /** @return one line for a run's settings and benchmark headers: which kernels run, and why */
    public static String describe() {
        if (!loaded) {
            return "sparse products in Java (" + LIBRARY + " " + status + ")";
        }
        String width = vectorBits == 0 ? "the compiler's vectors" : vectorBits + "-bit vectors";
        return "sparse products in C with " + width + " (" + LIBRARY + " " + status + (enabled ? ")" : ", turned off)");
    }

    private static native int abi();

    private static native int vectorBits();

    static native void forward(int[] rowPtr, int[] col, float[] w, float[] bias, float[] x, float[] z, int stride,
                               int n, boolean relu, int from, int to);

    static native void inputGradient(int[] colPtr, int[] colPos, int[] rowOf, float[] w, float[] g, float[] act,
                                     float[] dx, int stride, int n, int from, int to);

    static native void features(byte[] staging, int e, int n, float[] scale, float[] shift, int plane, float[] out,
                                int stride);

    static native void weightGradient(int[] rowPtr, int[] col, float[] g, float[] x, float[] dw, int stride, int n,
                                      int from, int to);

    static native void rowSums(float[] g, float[] db, int stride, int n, int from, int to);

    static native void stage(byte[] pixels, int[] order, int from, int n, int e, byte[] staging);

    /** {@code a[i] = Exponentials.exp(a[i])} for {@code i < count}, eight side by side. */
    static native void exp(double[] a, int count);
}
