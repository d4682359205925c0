package dev.jackpot.report;

import java.util.Locale;

/** How reports and summaries print a number: four significant digits, scientific outside [1e-3, 1e5). */
public final class Numbers {

    private Numbers() {
    }

    /**
     * @param v a value
     * @return {@code n/a} for NaN; {@code %.3e} for nonzero |v| below 1e-3 or from 1e5; {@code %.4g} otherwise
     */
    public static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v)
                : String.format(Locale.ROOT, "%.4g", v);
    }
}
