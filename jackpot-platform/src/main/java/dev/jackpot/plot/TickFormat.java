package dev.jackpot.plot;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Short labels for axis values: integers as integers (up to a million), other values to four
 * significant digits, very large or small ones as {@code 1.5e-6}. Never locale-dependent.
 */
final class TickFormat {

    private TickFormat() {
    }

    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e6) {
            return Long.toString((long) v);
        }
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros();
        if (a >= 1e-3 && a < 1e6) {
            return rounded.toPlainString();
        }
        // unscaled * 10^-scale, written as mantissa e exponent with one digit before the point.
        BigDecimal unscaled = new BigDecimal(rounded.unscaledValue());
        int digits = rounded.precision();
        int exponent = digits - 1 - rounded.scale();
        String mantissa = unscaled.movePointLeft(digits - 1).stripTrailingZeros().toPlainString();
        return mantissa + "e" + exponent;
    }
}
