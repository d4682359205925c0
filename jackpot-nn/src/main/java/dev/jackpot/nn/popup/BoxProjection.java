package dev.jackpot.nn.popup;

/**
 * Projection onto the L-infinity ball {@code ||W - W0||_inf <= eps} of Xiong et al.'s PGD: clamp each
 * entry to {@code [W0 - eps, W0 + eps]}. The float bounds are rounded inwards, so every projected
 * entry satisfies {@code |w - w0| <= eps} in exact real arithmetic, and eps = 0 returns the bits of W0.
 * eps = +infinity is no constraint (plain SGD).
 */
public final class BoxProjection {

    private BoxProjection() {
    }

    /**
     * Projects {@code w} in place.
     *
     * @param w   current weights
     * @param w0  centre, same length
     * @param eps radius, non-negative (infinity allowed)
     */
    public static void project(float[] w, float[] w0, double eps) {
        check(eps);
        if (w.length != w0.length) {
            throw new IllegalArgumentException("The weights and the centre differ in length: " + w.length + " and " + w0.length + ".");
        }
        if (eps == Double.POSITIVE_INFINITY) {
            return;
        }
        for (int i = 0; i < w.length; i++) {
            float lo = lower(w0[i], eps);
            float hi = upper(w0[i], eps);
            float v = w[i];
            w[i] = v <= lo ? lo : (v >= hi ? hi : v);
        }
    }

    /** @return the largest deviation {@code max_i |w_i - w0_i|}, computed exactly in double */
    public static double maxDeviation(float[] w, float[] w0) {
        double m = 0;
        for (int i = 0; i < w.length; i++) {
            m = Math.max(m, Math.abs((double) w[i] - (double) w0[i]));
        }
        return m;
    }

    /** The smallest float {@code >= c - eps} (c - eps in double is exact for float c and the eps grid; rounded up). */
    static float lower(float c, double eps) {
        if (eps == 0) {
            return c;
        }
        double d = (double) c - eps;
        float f = (float) d;
        return f < d ? Math.nextUp(f) : f;
    }

    /** The largest float {@code <= c + eps}. */
    static float upper(float c, double eps) {
        if (eps == 0) {
            return c;
        }
        double d = (double) c + eps;
        float f = (float) d;
        return f > d ? Math.nextDown(f) : f;
    }

    static void check(double eps) {
        if (!(eps >= 0)) {
            throw new IllegalArgumentException("The perturbation radius eps must be non-negative, got " + eps + ".");
        }
    }
}
