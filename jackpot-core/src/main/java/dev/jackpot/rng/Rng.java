package dev.jackpot.rng;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * A seeded random generator: a thin facade over Java 17's {@code L64X128MixRandom} (JEP 356).
 *
 * <p>Every stochastic method in Jackpot takes an {@code Rng} parameter; none creates its own. An
 * instance is not thread-safe: give each task its own stream through {@link Seeds#stream}.
 */
public final class Rng {

    private static final RandomGeneratorFactory<RandomGenerator> FACTORY =
            RandomGeneratorFactory.of("L64X128MixRandom");

    private final RandomGenerator generator;

    private Rng(long seed) {
        this.generator = FACTORY.create(seed);
    }

    /**
     * Creates a generator from a seed.
     *
     * @param seed the seed, usually from {@link Seeds#derive}
     * @return a new generator
     */
    public static Rng of(long seed) {
        return new Rng(seed);
    }

    /** @return a uniform double in [0, 1) */
    public double nextDouble() {
        return generator.nextDouble();
    }

    /**
     * @param lo lower bound (inclusive)
     * @param hi upper bound (exclusive)
     * @return a uniform double in [lo, hi)
     */
    public double uniform(double lo, double hi) {
        return lo + (hi - lo) * generator.nextDouble();
    }

    /** @return a standard normal draw */
    public double nextGaussian() {
        return generator.nextGaussian();
    }

    /** @return a uniformly random long */
    public long nextLong() {
        return generator.nextLong();
    }

    /**
     * @param bound exclusive upper bound, positive
     * @return a uniform int in [0, bound)
     */
    public int nextInt(int bound) {
        return generator.nextInt(bound);
    }

    /**
     * Fills {@code out} with standard normal draws.
     *
     * @param out the array to fill (modified)
     */
    public void fillGaussian(double[] out) {
        for (int i = 0; i < out.length; i++) {
            out[i] = generator.nextGaussian();
        }
    }

    /**
     * Shuffles {@code values} in place (Fisher-Yates).
     *
     * @param values the array to shuffle (modified)
     */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = generator.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /**
     * Draws {@code k} distinct values from {@code pool} uniformly without replacement, in random order.
     *
     * @param pool candidate values (not modified)
     * @param k    how many to draw, 0 &lt;= k &lt;= pool.length
     * @return a new array of {@code k} distinct pool values
     * @throws IllegalArgumentException if {@code k} is out of range
     */
    public int[] sample(int[] pool, int k) {
        if (k < 0 || k > pool.length) {
            throw new IllegalArgumentException("cannot draw " + k + " values from a pool of " + pool.length);
        }
        int[] copy = pool.clone();
        for (int i = 0; i < k; i++) {
            int j = i + generator.nextInt(copy.length - i);
            int t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return java.util.Arrays.copyOf(copy, k);
    }
}
