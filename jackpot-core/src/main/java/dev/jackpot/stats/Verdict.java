package dev.jackpot.stats;

import java.util.Locale;

/**
 * Whether one method matches another, decided from a confidence interval {@code [L, U]} on the
 * difference of their means (e.g. ticket minus dense test accuracy over replicates) and an
 * equivalence margin {@code delta > 0} stated in advance:
 * <ul>
 *   <li><b>matches</b>: {@code -delta < L} and {@code U < delta}, the interval lies inside the margin
 *       (two one-sided tests at level (1 - confidence) / 2 each, as in Schuirmann's TOST);</li>
 *   <li><b>better</b>: {@code L > 0} and {@code U >= delta}, clearly above and not inside the margin;</li>
 *   <li><b>worse</b>: {@code U < 0} and {@code L <= -delta}, clearly below and not inside the margin;</li>
 *   <li><b>inconclusive</b> otherwise (also with fewer than two replicates), with an estimate of the
 *       replicates per arm that would decide it at the present spread.</li>
 * </ul>
 * When the two truly have equal means, the chance of "worse" is at most {@code (1 - confidence) / 2}
 * (5% at the default 90% interval): that is the procedure's false-failure rate, checked by simulation
 * in its tests.
 *
 * @param outcome        the decision
 * @param interval       the interval it was made from
 * @param margin         the equivalence margin, in the interval's units
 * @param replicatesNeeded for an inconclusive outcome, the replicates per arm estimated to decide it at the
 *                       present spread (-1 when unknown, e.g. for zero spread; 0 for a decided outcome)
 */
public record Verdict(Outcome outcome, MeanDifference interval, double margin, int replicatesNeeded) {

    /** The default confidence level of the interval: 90%, i.e. TOST at 5% on each side. */
    public static final double CONFIDENCE = 0.90;

    /** The four outcomes. */
    public enum Outcome {
        /** Clearly above, beyond the margin. */
        BETTER,
        /** Inside the margin. */
        MATCHES,
        /** Clearly below, beyond the margin. */
        WORSE,
        /** Not decided by this many replicates. */
        INCONCLUSIVE;

        /** @return the lower-case word */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param d      the interval
     * @param margin the equivalence margin, positive and finite
     * @return the verdict
     */
    public static Verdict judge(MeanDifference d, double margin) {
        if (!(margin > 0) || Double.isInfinite(margin)) {
            throw new IllegalArgumentException("An equivalence margin must be positive and finite, got " + margin + ".");
        }
        if (!d.hasInterval()) {
            return new Verdict(Outcome.INCONCLUSIVE, d, margin, 3);
        }
        double lo = d.lower();
        double hi = d.upper();
        if (lo > -margin && hi < margin) {
            return new Verdict(Outcome.MATCHES, d, margin, 0);
        }
        if (lo > 0 && hi >= margin) {
            return new Verdict(Outcome.BETTER, d, margin, 0);
        }
        if (hi < 0 && lo <= -margin) {
            return new Verdict(Outcome.WORSE, d, margin, 0);
        }
        return new Verdict(Outcome.INCONCLUSIVE, d, margin, replicatesNeeded(d, margin));
    }

    /** Smallest n per arm whose half width, at the present spread, clears the nearest boundary. */
    private static int replicatesNeeded(MeanDifference d, double margin) {
        double est = Math.abs(d.estimate());
        double gap = est < margin ? margin - est : est;
        double spread = d.se() * Math.sqrt(Math.max(d.n(), 1)); // SE at one replicate per arm
        if (!(gap > 0) || !(spread > 0)) {
            return -1;
        }
        for (int n = Math.max(d.n(), d.m()) + 1; n <= 100_000; n++) {
            double t = StudentT.quantile((1 + d.confidence()) / 2, n - 1);
            if (t * spread / Math.sqrt(n) < gap) {
                return n;
            }
        }
        return -1;
    }

    /** @return whether the first method is at least as good as the second within the margin (matches or better) */
    public boolean matchesOrBetter() {
        return outcome == Outcome.MATCHES || outcome == Outcome.BETTER;
    }

    /**
     * @param what  the difference in words, e.g. {@code "ticket - dense"}
     * @param scale the factor to the printed unit (100 for accuracy in points)
     * @param unit  the printed unit, e.g. {@code "points"}
     * @return e.g. {@code "matches: ticket - dense = +0.31 points, 90% CI [-0.12, +0.74] (paired t, n = 5),
     *         margin +/-0.50"}
     */
    public String sentence(String what, double scale, String unit) {
        MeanDifference d = interval;
        String n = d.method().startsWith("paired") ? "n = " + d.n() : "n = " + d.n() + " and " + d.m();
        String ci = d.hasInterval() ? String.format(Locale.ROOT, ", %.0f%% CI [%+.2f, %+.2f]", 100 * d.confidence(),
                scale * d.lower(), scale * d.upper()) : ", no interval from one replicate";
        String more = outcome != Outcome.INCONCLUSIVE ? ""
                : replicatesNeeded > 0 ? " (about " + replicatesNeeded + " replicates would decide it)"
                : " (more replicates needed)";
        return String.format(Locale.ROOT, "%s%s: %s = %+.2f %s%s (%s, %s), margin +/-%.2f", outcome.label(), more, what,
                scale * d.estimate(), unit, ci, d.method(), n, scale * margin);
    }
}
