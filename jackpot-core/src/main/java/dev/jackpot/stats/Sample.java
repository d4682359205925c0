package dev.jackpot.stats;

/** The mean and sample standard deviation of a sample, the two statistics every table over replicates prints. */
public final class Sample {

    private Sample() {
    }

    /**
     * @param x the values
     * @return their mean, NaN for none
     */
    public static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? Double.NaN : s / x.length;
    }

    /**
     * @param x the values
     * @return the sample standard deviation (n - 1 in the denominator), NaN for fewer than two values
     */
    public static double std(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return Math.sqrt(s / (x.length - 1));
    }
}
