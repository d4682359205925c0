package dev.jackpot.stats;

/**
 * Student's t distribution with {@code nu} degrees of freedom (nu &gt; 0, not necessarily an
 * integer, as Welch's approximation gives): its CDF through the regularised incomplete beta
 * function, {@code P(T <= t) = 1 - I_{nu/(nu+t^2)}(nu/2, 1/2) / 2} for {@code t >= 0}, and its quantile
 * by bisection on the CDF (to 1e-12 relative).
 */
public final class StudentT {

    private StudentT() {
    }

    /**
     * @param t  a value
     * @param nu degrees of freedom, positive
     * @return {@code P(T <= t)}
     */
    public static double cdf(double t, double nu) {
        requireDf(nu);
        if (Double.isNaN(t)) {
            return Double.NaN;
        }
        if (Double.isInfinite(t)) {
            return t > 0 ? 1 : 0;
        }
        double tail = 0.5 * Beta.regularizedIncomplete(nu / (nu + t * t), nu / 2, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /**
     * @param p  a probability in (0, 1)
     * @param nu degrees of freedom, positive
     * @return the {@code t} with {@code P(T <= t) = p}
     */
    public static double quantile(double p, double nu) {
        requireDf(nu);
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("A t quantile needs a probability strictly between 0 and 1, got " + p + ".");
        }
        if (p == 0.5) {
            return 0;
        }
        if (p < 0.5) {
            return -quantile(1 - p, nu);
        }
        double lo = 0;
        double hi = 1;
        while (cdf(hi, nu) < p) {
            lo = hi;
            hi *= 2;
            if (hi > 1e300) {
                return Double.POSITIVE_INFINITY;
            }
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
            double mid = 0.5 * (lo + hi);
            if (cdf(mid, nu) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static void requireDf(double nu) {
        if (!(nu > 0)) {
            throw new IllegalArgumentException("Student's t needs positive degrees of freedom, got " + nu + ".");
        }
    }
}
