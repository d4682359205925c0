package dev.jackpot.stats;

/**
 * A confidence interval on the difference of two means, {@code mean(a) - mean(b)}, from a
 * t distribution: paired (the replicates of {@code a} and {@code b} share seeds, so the
 * differences {@code a_i - b_i} are one sample: SE = sd(d) / sqrt(n), df = n - 1) or Welch's
 * (independent samples of unequal variance: SE^2 = s_a^2/n_a + s_b^2/n_b, df by
 * Welch-Satterthwaite). The interval is {@code estimate -/+ t_{(1+confidence)/2, df} * SE}.
 *
 * @param estimate   the difference of the means
 * @param lower      the interval's lower end (NaN when it cannot be computed: fewer than two values)
 * @param upper      its upper end
 * @param se         the standard error (NaN likewise; 0 when every difference is the same)
 * @param df         degrees of freedom
 * @param confidence the two-sided confidence level, e.g. 0.90
 * @param n          replicates of {@code a} (the pairs, when paired)
 * @param m          replicates of {@code b}
 * @param method     {@code "paired t"} or {@code "Welch t"}
 */
public record MeanDifference(double estimate, double lower, double upper, double se, double df, double confidence,
                             int n, int m, String method) {

    /** @return whether there is an interval (at least two values per side) */
    public boolean hasInterval() {
        return !Double.isNaN(lower) && !Double.isNaN(upper);
    }

    /** @return the interval's half width */
    public double halfWidth() {
        return (upper - lower) / 2;
    }

    /**
     * @param a          first sample (e.g. the ticket's accuracies, one per replicate)
     * @param b          second sample, same length and replicate order
     * @param confidence two-sided level in (0, 1)
     * @return the paired interval
     */
    public static MeanDifference paired(double[] a, double[] b, double confidence) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("A paired interval needs samples of one length, got " + a.length + " and "
                    + b.length + ".");
        }
        requireLevel(confidence);
        double[] d = new double[a.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = a[i] - b[i];
        }
        double est = mean(d);
        int n = d.length;
        if (n < 2) {
            return new MeanDifference(est, Double.NaN, Double.NaN, Double.NaN, Double.NaN, confidence, n, n, "paired t");
        }
        double se = Math.sqrt(variance(d) / n);
        double df = n - 1;
        double t = StudentT.quantile((1 + confidence) / 2, df);
        return new MeanDifference(est, est - t * se, est + t * se, se, df, confidence, n, n, "paired t");
    }

    /**
     * @param a          first sample
     * @param b          second sample (independent of the first)
     * @param confidence two-sided level in (0, 1)
     * @return Welch's interval
     */
    public static MeanDifference welch(double[] a, double[] b, double confidence) {
        requireLevel(confidence);
        double est = mean(a) - mean(b);
        if (a.length < 2 || b.length < 2) {
            return new MeanDifference(est, Double.NaN, Double.NaN, Double.NaN, Double.NaN, confidence, a.length,
                    b.length, "Welch t");
        }
        double va = variance(a) / a.length;
        double vb = variance(b) / b.length;
        double se = Math.sqrt(va + vb);
        if (se == 0) {
            return new MeanDifference(est, est, est, 0, a.length + b.length - 2, confidence, a.length, b.length, "Welch t");
        }
        double df = (va + vb) * (va + vb) / (va * va / (a.length - 1) + vb * vb / (b.length - 1));
        double t = StudentT.quantile((1 + confidence) / 2, df);
        return new MeanDifference(est, est - t * se, est + t * se, se, df, confidence, a.length, b.length, "Welch t");
    }

    private static void requireLevel(double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("A confidence level must lie strictly between 0 and 1, got " + confidence
                    + ".");
        }
    }

    static double mean(double[] x) {
        return Sample.mean(x);
    }

    static double variance(double[] x) {
        double sd = Sample.std(x);
        return sd * sd;
    }
}
