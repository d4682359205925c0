package dev.jackpot.sweep;

import dev.jackpot.store.TrialRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Aggregates of a sweep's rows per cell, and the least-squares line fits the claims use.
 */
public final class Stats {

    private Stats() {
    }

    /**
     * @param rows rows of a sweep
     * @return the ok rows grouped by cell index, cells in order
     */
    public static Map<Integer, List<TrialRow>> byCell(List<TrialRow> rows) {
        Map<Integer, List<TrialRow>> out = new TreeMap<>();
        for (TrialRow r : rows) {
            if ("ok".equals(r.status())) {
                out.computeIfAbsent(r.cell(), c -> new ArrayList<>()).add(r);
            }
        }
        return out;
    }

    /**
     * @param rows   rows of one cell
     * @param metric a numeric metric
     * @return the values present and finite
     */
    public static double[] values(List<TrialRow> rows, String metric) {
        return rows.stream().map(r -> r.metrics().get(metric)).filter(v -> v instanceof Number)
                .mapToDouble(v -> ((Number) v).doubleValue()).filter(Double::isFinite).toArray();
    }

    /**
     * @param rows  rows of one cell
     * @param which the condition
     * @return the fraction of rows meeting it (NaN for no rows)
     */
    public static double fraction(List<TrialRow> rows, Predicate<TrialRow> which) {
        if (rows.isEmpty()) {
            return Double.NaN;
        }
        return (double) rows.stream().filter(which).count() / rows.size();
    }

    /**
     * @param rows rows of one cell
     * @return the fraction with {@code success = true}
     */
    public static double successRate(List<TrialRow> rows) {
        return fraction(rows, r -> Boolean.TRUE.equals(r.metrics().get("success")));
    }

    /**
     * @param v values
     * @return their mean (NaN if empty)
     */
    public static double mean(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /**
     * @param v values
     * @return the sample standard deviation (0 for one value, NaN if empty)
     */
    public static double std(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        if (v.length == 1) {
            return 0;
        }
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return Math.sqrt(s / (v.length - 1));
    }

    /**
     * A least-squares line y = intercept + slope x.
     *
     * @param slope     slope
     * @param intercept intercept
     * @param r2        coefficient of determination
     * @param points    number of points fitted
     * @param slopeSe   the slope's standard error, {@code sqrt(RSS / (n - 2) / Sxx)} (NaN for fewer than 3 points)
     */
    public record Fit(double slope, double intercept, double r2, int points, double slopeSe) {

        /**
         * @param confidence two-sided level in (0, 1)
         * @return the slope's interval {@code slope -/+ t_{(1+c)/2, n-2} SE}, two NaNs for fewer than 3 points
         */
        public double[] slopeInterval(double confidence) {
            if (points < 3 || Double.isNaN(slopeSe)) {
                return new double[] {Double.NaN, Double.NaN};
            }
            double t = dev.jackpot.stats.StudentT.quantile((1 + confidence) / 2, points - 2);
            return new double[] {slope - t * slopeSe, slope + t * slopeSe};
        }

        /**
         * The verdict on a claimed sign of the slope, from its 90% interval: reproduced when the interval lies
         * on the claimed side of 0, not reproduced when it lies on the other side, inconclusive when it
         * contains 0 or there are fewer than 3 points (no interval).
         *
         * @param positive whether the claim is a positive slope
         * @return the status
         */
        public dev.jackpot.report.Claim.Status slopeSign(boolean positive) {
            double[] ci = slopeInterval(dev.jackpot.stats.Verdict.CONFIDENCE);
            if (Double.isNaN(ci[0])) {
                return dev.jackpot.report.Claim.Status.INCONCLUSIVE;
            }
            boolean above = ci[0] > 0;
            boolean below = ci[1] < 0;
            if (positive ? above : below) {
                return dev.jackpot.report.Claim.Status.REPRODUCED;
            }
            return (positive ? below : above) ? dev.jackpot.report.Claim.Status.NOT_REPRODUCED
                    : dev.jackpot.report.Claim.Status.INCONCLUSIVE;
        }

        /** @return e.g. {@code "slope 0.42, 90% CI [0.31, 0.53] over 5 points"}, for claim details */
        public String slopeSentence() {
            double[] ci = slopeInterval(dev.jackpot.stats.Verdict.CONFIDENCE);
            return "slope " + fmt(slope) + (Double.isNaN(ci[0]) ? " (no interval from " + points + " points)"
                    : ", 90% CI [" + fmt(ci[0]) + ", " + fmt(ci[1]) + "] over " + points + " points");
        }

        private static String fmt(double v) {
            return String.format(java.util.Locale.ROOT, "%.3g", v);
        }
    }

    /**
     * @param x abscissae
     * @param y ordinates (pairs with a non-finite value are skipped)
     * @return the fit; NaN slope with fewer than two points
     */
    public static Fit line(double[] x, double[] y) {
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                sx += x[i];
                sy += y[i];
                sxx += x[i] * x[i];
                sxy += x[i] * y[i];
                syy += y[i] * y[i];
                n++;
            }
        }
        if (n < 2) {
            return new Fit(Double.NaN, Double.NaN, Double.NaN, n, Double.NaN);
        }
        double vx = sxx - sx * sx / n;
        double vy = syy - sy * sy / n;
        double cxy = sxy - sx * sy / n;
        double slope = cxy / vx;
        double intercept = (sy - slope * sx) / n;
        double r2 = vy > 0 ? cxy * cxy / (vx * vy) : 1.0;
        double rss = Math.max(0, vy - slope * cxy);
        double se = n > 2 ? Math.sqrt(rss / (n - 2) / vx) : Double.NaN;
        return new Fit(slope, intercept, r2, n, se);
    }
}
