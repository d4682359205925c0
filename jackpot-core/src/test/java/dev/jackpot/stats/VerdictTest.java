package dev.jackpot.stats;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VerdictTest {

    @Test
    void tQuantilesMatchTheTables() {
        // two-sided 95% and 90% critical values from standard t tables
        assertEquals(12.7062, StudentT.quantile(0.975, 1), 1e-4);
        assertEquals(4.3027, StudentT.quantile(0.975, 2), 1e-4);
        assertEquals(2.5706, StudentT.quantile(0.975, 5), 1e-4);
        assertEquals(2.2281, StudentT.quantile(0.975, 10), 1e-4);
        assertEquals(2.0423, StudentT.quantile(0.975, 30), 1e-4);
        assertEquals(2.9200, StudentT.quantile(0.95, 2), 1e-4);
        assertEquals(1.6449, StudentT.quantile(0.95, 1e7), 1e-4);
        assertEquals(-2.1318, StudentT.quantile(0.05, 4), 1e-4);
        // the t with 1 df is Cauchy: P(T <= 1) = 3/4
        assertEquals(0.75, StudentT.cdf(1, 1), 1e-12);
        assertEquals(0.5, StudentT.cdf(0, 3.7), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> StudentT.quantile(1, 3));
        assertThrows(IllegalArgumentException.class, () -> StudentT.cdf(1, 0));
    }

    @Test
    void intervalsByHand() {
        double[] a = {0.81, 0.83, 0.82};
        double[] b = {0.80, 0.82, 0.84};
        MeanDifference p = MeanDifference.paired(a, b, 0.90);
        // differences 0.01, 0.01, -0.02: mean 0, sd sqrt(0.0003), SE 0.01, t(0.95, 2) = 2.919986
        assertEquals(0, p.estimate(), 1e-15);
        assertEquals(0.01, p.se(), 1e-12);
        assertEquals(2.919986 * 0.01, p.upper(), 1e-7);
        assertEquals(2, p.df());
        MeanDifference w = MeanDifference.welch(new double[] {1, 2, 3, 4}, new double[] {2, 4, 6}, 0.95);
        // var 5/3 over 4 and 4 over 3: SE^2 = 0.41667 + 1.33333 = 1.75; df = 1.75^2 / (0.41667^2/3 + 1.33333^2/2)
        assertEquals(-1.5, w.estimate(), 1e-12);
        assertEquals(Math.sqrt(1.75), w.se(), 1e-12);
        double df = 1.75 * 1.75 / (Math.pow(5.0 / 12, 2) / 3 + Math.pow(4.0 / 3, 2) / 2);
        assertEquals(df, w.df(), 1e-12);
        assertFalse(MeanDifference.paired(new double[] {1}, new double[] {0}, 0.9).hasInterval());
    }

    @Test
    void outcomesFollowTheInterval() {
        double margin = 0.005;
        assertEquals(Verdict.Outcome.MATCHES, judge(-0.004, 0.004, margin));
        assertEquals(Verdict.Outcome.BETTER, judge(0.001, 0.02, margin));
        assertEquals(Verdict.Outcome.WORSE, judge(-0.02, -0.001, margin));
        Verdict wide = Verdict.judge(new MeanDifference(0, -0.01, 0.01, 0.004, 4, 0.9, 5, 5, "paired t"), margin);
        assertEquals(Verdict.Outcome.INCONCLUSIVE, wide.outcome());
        assertTrue(wide.replicatesNeeded() > 5, "a wider interval than the margin needs more replicates");
        Verdict one = Verdict.judge(MeanDifference.paired(new double[] {0.8}, new double[] {0.8}, 0.9), margin);
        assertEquals(Verdict.Outcome.INCONCLUSIVE, one.outcome());
        assertTrue(one.sentence("ticket - dense", 100, "points").contains("no interval from one replicate"));
        assertThrows(IllegalArgumentException.class, () -> judge(0, 0, 0));
    }

    private static Verdict.Outcome judge(double lo, double hi, double margin) {
        return Verdict.judge(new MeanDifference((lo + hi) / 2, lo, hi, (hi - lo) / 4, 4, 0.9, 5, 5, "paired t"), margin)
                .outcome();
    }

    /** The interval's coverage and the procedure's false-failure rate, on simulated replicates. */
    @Test
    void coverageAndFalseFailureRateOnSimulatedReplicates() {
        int sims = 4000;
        Rng rng = Seeds.stream(7, "verdict-coverage");
        int pairedCovered = 0;
        int welchCovered = 0;
        int falseWorse = 0;
        int falseNotMatching = 0;
        int trueWorse = 0;
        for (int s = 0; s < sims; s++) {
            // five replicates; dense N(0.85, 0.003); the ticket shares a replicate effect (pairing)
            double[] dense = new double[5];
            double[] same = new double[5];
            double[] below = new double[5];
            for (int i = 0; i < 5; i++) {
                double shared = 0.003 * rng.nextGaussian();
                dense[i] = 0.85 + shared + 0.001 * rng.nextGaussian();
                same[i] = 0.85 + shared + 0.001 * rng.nextGaussian();
                below[i] = 0.83 + shared + 0.001 * rng.nextGaussian();
            }
            MeanDifference p = MeanDifference.paired(same, dense, Verdict.CONFIDENCE);
            pairedCovered += p.lower() <= 0 && 0 <= p.upper() ? 1 : 0;
            Verdict v = Verdict.judge(p, 0.005);
            falseWorse += v.outcome() == Verdict.Outcome.WORSE ? 1 : 0;
            falseNotMatching += v.matchesOrBetter() ? 0 : 1;
            trueWorse += Verdict.judge(MeanDifference.paired(below, dense, Verdict.CONFIDENCE), 0.005).outcome()
                    == Verdict.Outcome.WORSE ? 1 : 0;
            // Welch on independent samples of unequal size and spread: true difference 0.01
            double[] x = new double[4];
            double[] y = new double[9];
            for (int i = 0; i < x.length; i++) {
                x[i] = 0.86 + 0.004 * rng.nextGaussian();
            }
            for (int i = 0; i < y.length; i++) {
                y[i] = 0.85 + 0.001 * rng.nextGaussian();
            }
            MeanDifference w = MeanDifference.welch(x, y, Verdict.CONFIDENCE);
            welchCovered += w.lower() <= 0.01 && 0.01 <= w.upper() ? 1 : 0;
        }
        // binomial sd of a 90% coverage over 4000 runs is 0.0047: allow three of them
        assertEquals(0.90, pairedCovered / (double) sims, 0.015);
        assertEquals(0.90, welchCovered / (double) sims, 0.02, "Welch is approximate for small unequal samples");
        // the stated false-failure rate: "worse" for an equal ticket at most 5%
        assertTrue(falseWorse / (double) sims <= 0.05, "false 'worse' rate " + falseWorse / (double) sims);
        assertTrue(falseNotMatching / (double) sims < 0.10, "an equal ticket is 'matches' in at least 90% of runs "
                + "at this spread: " + falseNotMatching / (double) sims);
        assertTrue(trueWorse / (double) sims > 0.99, "a ticket 2 points below is 'worse': " + trueWorse / (double) sims);
    }
}
