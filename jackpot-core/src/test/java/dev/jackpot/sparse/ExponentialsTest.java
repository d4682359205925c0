package dev.jackpot.sparse;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Exponentials#exp} against {@link Math#exp}, and its edges. */
class ExponentialsTest {

    @Test
    void isWithinOneUlpOfMathExpOverItsRange() {
        Rng rng = Seeds.stream(1, "exp");
        long worst = 0;
        long differ = 0;
        int n = 400_000;
        for (int i = 0; i < n; i++) {
            // the softmax's range (x <= 0, mostly small), the whole normal range, and the reduction's ties
            double x = i % 3 == 0 ? -30 * rng.nextDouble() : i % 3 == 1 ? -708 + 1417.7 * rng.nextDouble()
                    : (i - n / 2) * 0.5 * Math.log(2);
            double want = Math.exp(x);
            if (!(x > -708)) {
                continue;
            }
            long ulps = Math.abs(Double.doubleToRawLongBits(want) - Double.doubleToRawLongBits(Exponentials.exp(x)));
            worst = Math.max(worst, ulps);
            differ += ulps == 0 ? 0 : 1;
        }
        assertTrue(worst <= 1, "worst error " + worst + " ulp");
        assertTrue(differ < n / 4, differ + " of " + n + " differ from Math.exp");
    }

    @Test
    void edgesAreExact() {
        assertEquals(1.0, Exponentials.exp(0.0));
        assertEquals(1.0, Exponentials.exp(-0.0));
        assertEquals(Math.E, Exponentials.exp(1.0), Math.ulp(Math.E));
        assertEquals(0.0, Exponentials.exp(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Exponentials.exp(-708.0));
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Exponentials.exp(-1e6)));
        assertEquals(Double.POSITIVE_INFINITY, Exponentials.exp(Double.POSITIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, Exponentials.exp(Math.nextUp(Exponentials.HIGH)));
        // the largest finite results: k = 1024 goes through the scale of 2^1023
        assertEquals(Math.exp(709.78), Exponentials.exp(709.78), Math.ulp(Math.exp(709.78)));
        assertTrue(Double.isFinite(Exponentials.exp(Exponentials.HIGH)));
        assertTrue(Double.isNaN(Exponentials.exp(Double.NaN)));
        assertTrue(Exponentials.exp(Math.nextUp(-708.0)) >= Double.MIN_NORMAL);
    }
}
