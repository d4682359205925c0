package dev.jackpot.sweep;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsFitTest {

    @Test
    void slopeStandardErrorAndIntervalByHand() {
        // y = 1 + 2x with residuals +0.1, -0.2, +0.1 at x = 0, 1, 2: slope 2, RSS 0.06, Sxx 2
        Stats.Fit f = Stats.line(new double[] {0, 1, 2}, new double[] {1.1, 2.8, 5.1});
        assertEquals(2.0, f.slope(), 1e-12);
        assertEquals(Math.sqrt(0.06 / 1 / 2), f.slopeSe(), 1e-12);
        double[] ci = f.slopeInterval(0.90);
        // t(0.95, 1) = 6.313752
        assertEquals(2 - 6.313752 * f.slopeSe(), ci[0], 1e-5);
        assertEquals(2 + 6.313752 * f.slopeSe(), ci[1], 1e-5);
        assertTrue(f.slopeSentence().contains("90% CI ["), f.slopeSentence());
        // two points fit exactly and give no interval
        Stats.Fit two = Stats.line(new double[] {0, 1}, new double[] {0, 1});
        assertTrue(Double.isNaN(two.slopeInterval(0.9)[0]));
        assertTrue(two.slopeSentence().contains("no interval"), two.slopeSentence());
    }

    @Test
    void aSlopeClaimIsDecidedByItsInterval() {
        Stats.Fit up = Stats.line(new double[] {0, 1, 2, 3}, new double[] {0.1, 1.0, 2.1, 2.9});
        assertEquals(dev.jackpot.report.Claim.Status.REPRODUCED, up.slopeSign(true));
        assertEquals(dev.jackpot.report.Claim.Status.NOT_REPRODUCED, up.slopeSign(false));
        // a noisy, nearly flat line: its interval contains 0
        Stats.Fit flat = Stats.line(new double[] {0, 1, 2, 3}, new double[] {1, 3, 0, 2});
        assertEquals(dev.jackpot.report.Claim.Status.INCONCLUSIVE, flat.slopeSign(true));
        assertEquals(dev.jackpot.report.Claim.Status.INCONCLUSIVE,
                Stats.line(new double[] {0, 1}, new double[] {0, 1}).slopeSign(true), "no interval from 2 points");
    }
}
