package dev.jackpot.nn.popup;

import java.util.Arrays;

/**
 * The per-layer top-k supermask of edge-popup: of a layer's n scores, keep the
 * {@code kept(k, n) = round(k * n)} (half up) with the largest ranking value ({@code |s|}, or {@code s}
 * when absolute scores are off) and zero the rest. Ties go to the lower flat index, so the mask is a
 * pure function of the scores and holds exactly {@code kept(k, n)} ones.
 */
public final class TopK {

    private TopK() {
    }

    /**
     * @param k fraction kept, in (0, 1]
     * @param n the layer's number of weights, positive
     * @return {@code round(k * n)} (half up)
     * @throws IllegalArgumentException if k is outside (0, 1] or the count would be 0
     */
    public static int kept(double k, int n) {
        if (!(k > 0 && k <= 1)) {
            throw new IllegalArgumentException("The kept fraction k must be in (0, 1], got " + k + ".");
        }
        long c = Math.round(k * n);
        if (c < 1) {
            throw new IllegalArgumentException("Keeping a fraction " + k + " of a layer of " + n
                    + " weights rounds to no weight at all; use a larger k.");
        }
        return (int) c;
    }

    /**
     * @param scores    the layer's scores, all finite
     * @param k         fraction kept, in (0, 1]
     * @param absScores rank by {@code |s|} (the paper) rather than by {@code s}
     * @return a 0/1 mask (+0.0 or 1.0) with exactly {@link #kept(double, int)} ones
     * @throws IllegalArgumentException if a score is not finite
     */
    public static float[] mask(float[] scores, double k, boolean absScores) {
        int n = scores.length;
        int keep = kept(k, n);
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            float s = scores[i];
            if (!Float.isFinite(s)) {
                throw new IllegalArgumentException("Score " + i + " is " + s + "; edge-popup needs finite scores.");
            }
            keys[i] = (rankBits(absScores ? Math.abs(s) : s) << 32) | (0xFFFFFFFFL - i);
        }
        Arrays.sort(keys);
        float[] m = new float[n];
        for (int j = n - keep; j < n; j++) {
            m[(int) (0xFFFFFFFFL - (keys[j] & 0xFFFFFFFFL))] = 1f;
        }
        return m;
    }

    /** A signed int whose order is the float order (-0.0 and +0.0 equal), widened to long. */
    private static long rankBits(float v) {
        int b = Float.floatToIntBits(v == 0f ? 0f : v);
        return b >= 0 ? b : b ^ 0x7FFFFFFF;
    }
}
