package dev.jackpot.ticket;

import java.math.BigDecimal;

/**
 * The one writer of JSON literals in Jackpot: ticket headers and metadata (this package) and the
 * canonical spec form that run ids hash ({@code dev.jackpot.experiment.CanonicalJson}) both write
 * strings and numbers here, so a spec embedded in a ticket and the spec an id was hashed from are
 * spelled by the same rules.
 *
 * <ul>
 *   <li>Strings: {@code "} and {@code \} escaped, {@code \n}, {@code \r}, {@code \t} as two-character
 *       escapes, other control characters as {@code \}{@code u00XX}; everything else as is (UTF-8 output).</li>
 *   <li>Numbers: the exact decimal expansion of the binary double ({@code new BigDecimal(double)}),
 *       trailing zeros stripped, integral values without a point, so 2.0 and 2 are the same number and
 *       no JDK change to {@code Double.toString} (JDK-8291240) can alter the text.</li>
 * </ul>
 */
public final class JsonText {

    private JsonText() {
    }

    /**
     * @param s  the string
     * @param sb where its JSON literal, quotes included, is appended
     */
    public static void quote(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /**
     * @param s the string
     * @return its JSON literal, quotes included
     */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        quote(s, sb);
        return sb.toString();
    }

    /**
     * @param v a finite double
     * @return its exact decimal expansion, e.g. {@code 0.1000000000000000055511151231257827021181583404541015625},
     *         {@code 2} for 2.0, {@code 0} for both zeros
     * @throws IllegalArgumentException if {@code v} is NaN or infinite, which JSON cannot hold
     */
    public static String number(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("JSON cannot hold the non-finite number " + v + ".");
        }
        if (v == 0.0) {
            return "0";
        }
        BigDecimal exact = new BigDecimal(v).stripTrailingZeros();
        return exact.scale() <= 0 ? exact.toBigIntegerExact().toString() : exact.toPlainString();
    }
}
