package dev.jackpot.sparse;

/**
 * {@code e^x} in double precision by one fixed sequence of IEEE operations, so that the Java below and the C of
 * {@link NativeKernels} (which runs eight of them side by side) give the same bits; {@link Math#exp} may not be
 * reproduced outside the JVM, and as a call per value it was a tenth of a sparse training step's time (the
 * softmax of the loss).
 *
 * <p>Range reduction {@code x = k ln 2 + r}, {@code k = rint(x log2 e)}, {@code |r| <= ln 2 / 2}, with ln 2 split
 * in two parts so {@code k * LN2_HI} is exact (fdlibm's constants); then the Taylor polynomial of degree 13 in
 * Horner form with the nearest doubles to 1 / q! (its truncation error is below 5e-18 relative on that
 * interval), and the scale {@code 2^k} built from bits. Within 1 ulp of {@link Math#exp} (tested).
 * {@code x <= -708} gives +0 (the true values there, below 3.3e-308, vanish next to the softmax's sum of at least
 * 1), {@code x > 709.78} gives infinity, NaN gives NaN.
 */
public final class Exponentials {

    /** Below this the result is +0. */
    static final double LOW = -708.0;
    /** Above this the result is infinity ({@code ln(Double.MAX_VALUE)}). */
    static final double HIGH = 709.782712893384;
    static final double LOG2E = 1.4426950408889634;
    static final double LN2_HI = 6.93147180369123816490e-01;
    static final double LN2_LO = 1.90821492927058770002e-10;
    /** Adding it to an integer-valued k in [-1021, 1024] leaves k - 1 + 1023 in the low bits of the mantissa. */
    static final double BIAS = 0x1p52 + 1022;
    /** Adding and subtracting it rounds to the nearest integer, ties to even (as {@link Math#rint}, for |v| < 2^51). */
    static final double ROUND = 0x1.8p52;

    private Exponentials() {
    }

    /**
     * @param x any double
     * @return {@code e^x} as described above
     */
    public static double exp(double x) {
        if (!(x > LOW)) {
            return x != x ? x : 0.0;
        }
        if (x > HIGH) {
            return Double.POSITIVE_INFINITY;
        }
        double k = (x * LOG2E + ROUND) - ROUND;
        double r = (x - k * LN2_HI) - k * LN2_LO;
        double p = 1.0 / 6227020800.0;
        p = p * r + 1.0 / 479001600.0;
        p = p * r + 1.0 / 39916800.0;
        p = p * r + 1.0 / 3628800.0;
        p = p * r + 1.0 / 362880.0;
        p = p * r + 1.0 / 40320.0;
        p = p * r + 1.0 / 5040.0;
        p = p * r + 1.0 / 720.0;
        p = p * r + 1.0 / 120.0;
        p = p * r + 1.0 / 24.0;
        p = p * r + 1.0 / 6.0;
        p = p * r + 0.5;
        p = p * r + 1.0;
        p = p * r + 1.0;
        // (2p) 2^(k-1) rounds once, as p 2^k would, and stays finite at k = 1024 (x up to ln(MAX_VALUE))
        return (p + p) * Double.longBitsToDouble(Double.doubleToRawLongBits(k + BIAS) << 52);
    }

    /**
     * {@code a[i] = exp(a[i])} for {@code i < count}, in C where {@link NativeKernels} is active.
     *
     * @param a     values, overwritten
     * @param count how many, from the start
     */
    public static void expInPlace(double[] a, int count) {
        if (count < 0 || count > a.length) {
            throw new IllegalArgumentException("Cannot exponentiate " + count + " values of an array of " + a.length + ".");
        }
        if (NativeKernels.active()) {
            NativeKernels.exp(a, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            a[i] = exp(a[i]);
        }
    }
}
