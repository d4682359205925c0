package dev.jackpot.nn.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.jackpot.nn.Compute;

/**
 * The reference rate the benchmarks quote fractions of: the fastest of {@code repeats} products
 * {@code C = A B} of two {@code size x size} matrices on libtorch at the compute's thread count (after three
 * warm-up products), in GFLOP/s ({@code 2 size^3} per product). A virtual machine reports neither the clock
 * nor the width of its cores' vector units, and a nominal peak that undercounts either lets a kernel run at
 * "more than 100%" of it; the best rate the engine's own dense kernels reach cannot be exceeded that way.
 */
public final class GemmReference {

    /** The benchmarks' side: large enough that libtorch runs near its best rate (about 15 ms per fp32 product on one core). */
    public static final int SIDE = 1024;

    /** The benchmarks' timed products. */
    public static final int REPEATS = 10;

    private GemmReference() {
    }

    /**
     * @param compute where to compute
     * @param type    {@link DataType#FLOAT32} or {@link DataType#FLOAT64}
     * @return {@link #gflops(Compute, DataType, int, int)} with the benchmarks' {@link #SIDE} and {@link #REPEATS}
     */
    public static double gflops(Compute compute, DataType type) {
        return gflops(compute, type, SIDE, REPEATS);
    }

    /**
     * @param compute where to compute
     * @param type    {@link DataType#FLOAT32} or {@link DataType#FLOAT64}
     * @param size    the matrices' side, at least 64
     * @param repeats timed products, at least 1
     * @return GFLOP/s of the fastest product
     * @throws IllegalArgumentException for another type, a smaller side or no repeat
     */
    public static double gflops(Compute compute, DataType type, int size, int repeats) {
        if (type != DataType.FLOAT32 && type != DataType.FLOAT64) {
            throw new IllegalArgumentException("The reference product is float32 or float64, not " + type + ".");
        }
        if (size < 64 || repeats < 1) {
            throw new IllegalArgumentException("The reference product needs a side of at least 64 and one repeat, got "
                    + size + " and " + repeats + ".");
        }
        try (NDManager m = compute.newManager()) {
            // the values do not change the time; these are finite, not denormal, and need no random draw
            NDArray a = m.arange(0f, (float) size * size).reshape(size, size).div((float) size * size).toType(type, false);
            NDArray b = a.transpose().duplicate();
            double best = Double.POSITIVE_INFINITY;
            for (int r = -3; r < repeats; r++) {
                long t0 = System.nanoTime();
                NDArray c = a.matMul(b);
                double seconds = (System.nanoTime() - t0) / 1e9;
                c.close();
                if (r >= 0) {
                    best = Math.min(best, seconds);
                }
            }
            return 2.0 * size * size * size / best / 1e9;
        }
    }
}
