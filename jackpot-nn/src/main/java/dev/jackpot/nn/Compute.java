package dev.jackpot.nn;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import dev.jackpot.sparse.NativeKernels;

import java.nio.FloatBuffer;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The one place where Jackpot chooses the deep-learning engine, the device and the thread count.
 *
 * <p>The engine is DJL's PyTorch engine. Its native library ships as a Maven jar
 * ({@code ai.djl.pytorch:pytorch-native-cpu}, classifier {@code linux-x86_64}) together with the
 * matching JNI jar, so nothing is downloaded at run time: on first use DJL unpacks the library into
 * its cache directory ({@code DJL_CACHE_DIR}, default {@code ~/.djl.ai}). {@link #cpu(int)} also
 * switches DJL to offline mode ({@code ai.djl.offline=true}), so a missing jar fails loudly instead
 * of reaching the network. To use a GPU, put the CUDA native jar on the class path instead of the
 * CPU one and ask for {@link #gpu(int)}; no other class names a device.
 *
 * <p>Thread counts are process-wide settings of libtorch: the intra-op count is set explicitly on
 * every {@code Compute} creation (the library default follows the core count). Results are
 * bit-identical at a fixed count but change in the last bits with it (libtorch's convolution and
 * GEMM kernels split reductions by thread), so the count belongs in a run's provenance. On a
 * machine whose cores are busy with other work, one thread can be many times faster than two
 * (OpenMP workers wait on each other); measured 0.6 s against 10.8 s for a LeNet-300-100 epoch of
 * 6,000 examples at a load average of 9 on 2 cores. The inter-op pool is pinned to one thread before
 * the engine loads; Jackpot never runs operations concurrently.
 *
 * <p>Fully connected networks whose masks keep at most {@link #sparseBelow()} of the prunable
 * weights train and evaluate on the sparse engine ({@link dev.jackpot.nn.sparse.SparseMlp}, plain
 * Java, cost proportional to the kept weights, {@link #threads()} worker threads) instead of
 * libtorch. The default, {@value #DEFAULT_SPARSE_BELOW}, is the measured density below which it is
 * faster on this project's 2-core machine (see {@code jackpot bench nn --density}); the threshold
 * changes results only in the last bits (both engines compute the same function), and runs record it.
 */
public final class Compute {

    /** DJL's name of the PyTorch engine. */
    public static final String ENGINE = "PyTorch";

    /**
     * The default of {@link #sparseBelow()}: measured with {@code jackpot bench nn --density} and whole
     * {@code lottery} runs (issue 10). With oneMKL on its generic kernels (an AMD CPU without {@link MklVendorCheck})
     * the sparse engine breaks even with libtorch at about 25-30% density on one thread each; with oneMKL's
     * instruction-set kernels, between 20% and 10%. In lottery runs it has both cores against libtorch's one, and whole
     * {@code lenet300-fashion} IMP runs at thresholds 0.3, 0.2 and 0.15 took the same time within noise (31.6-35.3 s).
     * With the C products ({@link dev.jackpot.sparse.NativeKernels}) it breaks even near 45% in {@code bench nn},
     * but whole IMP runs at 0.45 took 34-36 s against 28-30 s at 0.3 (batch 60, alternated), so 0.3 stays.
     */
    public static final double DEFAULT_SPARSE_BELOW = 0.3;

    /**
     * Held by every training job of a job source (lottery branches, perturb cells): DJL allows one gradient
     * collector per JVM, so a JVM that runs jobs (a Spark executor) trains one at a time.
     */
    public static final Object TRAINING_JOBS = new Object();

    private final Device device;
    private final int threads;
    private final double sparseBelow;
    private final int sparseThreads;

    private Compute(Device device, int threads, double sparseBelow, int sparseThreads) {
        this.device = device;
        this.threads = threads;
        this.sparseBelow = sparseBelow;
        this.sparseThreads = sparseThreads;
    }

    /**
     * @param count worker threads of the sparse engine, at least 1 (benchmarks pin it to {@link #threads()}
     *              for a like-for-like comparison with libtorch)
     * @return this context with that count
     */
    public Compute withSparseThreads(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("The sparse engine needs at least one thread, got " + count + ".");
        }
        return new Compute(device, threads, sparseBelow, count);
    }

    /**
     * @param density the largest mask density trained on the sparse engine; 0 never uses it
     * @return this context with that threshold
     * @throws IllegalArgumentException unless {@code 0 <= density <= 1}
     */
    public Compute withSparseBelow(double density) {
        if (!(density >= 0 && density <= 1)) {
            throw new IllegalArgumentException("The sparse-engine threshold must be a density in [0, 1] (0: never), got " + density + ".");
        }
        return new Compute(device, threads, density, sparseThreads);
    }

    /**
     * Worker threads of the sparse engine: by default every core the JVM sees (at least {@link #threads()}).
     * Its results do not depend on the
     * count (each output element is computed by one thread in a fixed order), so unlike libtorch's
     * intra-op count it needs no pinning for reproducibility.
     *
     * @return the count, at least 1
     */
    public int sparseThreads() {
        return sparseThreads > 0 ? sparseThreads : Math.max(threads, Runtime.getRuntime().availableProcessors());
    }

    /** @return the largest mask density trained on the sparse engine (0: never) */
    public double sparseBelow() {
        return sparseBelow;
    }

    /**
     * @param density the kept fraction of a network's prunable weights
     * @return whether a fully connected network at that density runs on the sparse engine
     */
    public boolean useSparse(double density) {
        return density <= sparseBelow && !device.isGpu();
    }

    /**
     * CPU computation with {@code threads} intra-op threads.
     *
     * @param threads intra-op threads, at least 1
     * @return the compute context
     * @throws IllegalArgumentException if {@code threads < 1}
     * @throws IllegalStateException    if the PyTorch engine cannot be loaded
     */
    public static Compute cpu(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        engine(threads);
        return new Compute(Device.cpu(), threads, DEFAULT_SPARSE_BELOW, 0);
    }

    /**
     * GPU computation on device 0, for a class path holding a CUDA native jar.
     *
     * @param threads intra-op threads for the CPU-side work, at least 1
     * @return the compute context
     * @throws IllegalStateException if no GPU is visible to the engine
     */
    public static Compute gpu(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        Engine engine = engine(threads);
        if (engine.getGpuCount() < 1) {
            throw new IllegalStateException("A GPU was requested but the " + ENGINE
                    + " engine sees none; put a CUDA native jar on the class path or use the CPU.");
        }
        return new Compute(Device.gpu(), threads, 0, 0);
    }

    /**
     * The default context: the CPU with as many threads as the JVM reports cores, or the count in
     * the {@code JACKPOT_NN_THREADS} environment variable when set.
     *
     * @return the compute context
     */
    public static Compute fromEnvironment() {
        String env = System.getenv("JACKPOT_NN_THREADS");
        int threads = Runtime.getRuntime().availableProcessors();
        if (env != null && !env.isBlank()) {
            try {
                threads = Integer.parseInt(env.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("JACKPOT_NN_THREADS must be a positive integer, got '" + env + "'.");
            }
        }
        return cpu(threads);
    }

    private static synchronized Engine engine(int threads) {
        // Read by DJL when the engine first loads; harmless afterwards.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        // The TorchScript graph optimiser is irrelevant to eager training and costs warm-up time.
        System.setProperty("ai.djl.pytorch.graph_optimizer", "false");
        Engine engine;
        try {
            engine = Engine.getEngine(ENGINE);
        } catch (RuntimeException e) {
            throw new IllegalStateException("The " + ENGINE + " engine could not be loaded; check that "
                    + "ai.djl.pytorch:pytorch-native-cpu and pytorch-jni are on the class path and that "
                    + "DJL_CACHE_DIR is writable.", e);
        }
        JniUtils.setNumThreads(threads);
        return engine;
    }

    /**
     * @return a new root manager on this device, with autograd recording off on the calling thread (call it at
     *         the start of a training or evaluation, never inside a gradient collector); the caller closes it
     */
    public NDManager newManager() {
        NDManager manager = Engine.getEngine(ENGINE).newBaseManager(device);
        // libtorch's autograd mode is per thread and on by default, and DJL turns it off only on the thread that
        // loads the engine: on a pool or Spark task thread every evaluation would record a graph and edge-popup's
        // in-place score update would be refused. A gradient collector turns it on for its pass and restores it.
        JniUtils.setGradMode(false);
        return manager;
    }

    /**
     * Resets the accumulated gradient of a parameter to zero. libtorch accumulates gradients across
     * backward passes and DJL's collector no longer clears them, so the trainer calls this after
     * every update.
     *
     * @param parameter an array created by this context's engine with a gradient attached
     */
    public static void zeroGradient(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }

    /**
     * Copies a float array's values into {@code out} with one memory copy (on the CPU, straight from the
     * tensor's storage; elsewhere through a host copy).
     *
     * @param array a float array of {@code out.length} elements
     * @param out   receives the values, row-major
     * @throws IllegalArgumentException if the sizes differ
     */
    public static void read(NDArray array, float[] out) {
        checkSize(array, out);
        array.toByteBuffer(true).asFloatBuffer().get(out);
    }

    /**
     * Overwrites a float array's values in place with one memory copy. On the CPU this writes through
     * a view of the tensor's storage, which DJL gives for contiguous tensors: arrays created from Java
     * values (as {@link dev.jackpot.nn.model.Parameters} creates them) and never reshaped are. Autograd is
     * not told, so call it only between steps, never on a tensor a live graph still needs.
     *
     * @param array  a contiguous float array of {@code values.length} elements
     * @param values the new values, row-major
     * @throws IllegalArgumentException if the sizes differ
     */
    public static void write(NDArray array, float[] values) {
        checkSize(array, values);
        if (array.getDevice().isGpu()) {
            array.set(FloatBuffer.wrap(values));
        } else {
            array.toByteBuffer(true).asFloatBuffer().put(values);
        }
    }

    private static void checkSize(NDArray array, float[] values) {
        if (array.getDataType() != DataType.FLOAT32 || array.size() != values.length) {
            throw new IllegalArgumentException("Expected a float32 array of " + values.length + " elements, got "
                    + array.getDataType() + " " + array.getShape() + ".");
        }
    }

    /**
     * @return the settings that change a run's floating-point results in the last bits, for its manifest:
     *         libtorch's version and intra-op threads, which kernels its oneMKL runs ({@link MklVendorCheck}), the
     *         sparse engine's density threshold, worker threads and product kernels ({@link NativeKernels}; its
     *         results depend on neither, recorded for timing)
     */
    public Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("engine", ENGINE + " " + engineVersion() + " on " + device);
        s.put("intraOpThreads", Integer.toString(threads));
        s.put("mkl", MklVendorCheck.describe());
        s.put("sparseEngineBelowDensity", sparseBelow > 0 ? Double.toString(sparseBelow) : "never");
        s.put("sparseEngineThreads", Integer.toString(sparseThreads));
        s.put("sparseKernels", NativeKernels.describe());
        return s;
    }

    /** @return the device */
    public Device device() {
        return device;
    }

    /** @return the intra-op thread count */
    public int threads() {
        return threads;
    }

    /** @return the engine's version string, e.g. {@code "2.7.1"} */
    public String engineVersion() {
        return Engine.getEngine(ENGINE).getVersion();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %s on %s, %d intra-op thread(s)", ENGINE, engineVersion(), device, threads);
    }
}
