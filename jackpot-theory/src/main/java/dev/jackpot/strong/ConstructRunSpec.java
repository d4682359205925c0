package dev.jackpot.strong;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Objects;

/**
 * What {@code jackpot construct pensia|malach} built, as hashed into its run id: the construction,
 * the random target's widths d_0..d_l, the requested per-weight error, the root seed of the target,
 * the random network and the test points, the number of test points, and the construction's own
 * parameter (Pensia: candidates n per group, resolved from eps when not given; Malach: the most
 * hidden units drawn per input coordinate). Absent fields are left out of the YAML and of the hash.
 *
 * @param method     {@code pensia} or {@code malach}
 * @param widths     d_0, ..., d_l, at least two, each positive
 * @param eps        the requested per-weight error, in (0, 1)
 * @param seed       the root seed
 * @param testPoints test inputs in the unit ball for the sup-norm error, at least 0
 * @param n          Pensia's candidates per group, positive; null for Malach
 * @param maxUnits   Malach's most hidden units per input coordinate, positive; null for Pensia
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConstructRunSpec(String method, List<Integer> widths, double eps, long seed, int testPoints, Integer n,
                               Integer maxUnits) {

    /**
     * @throws IllegalArgumentException naming the value when the method is unknown, its parameter is
     *                                  missing, misplaced or not positive, or a width, eps or the
     *                                  test-point count is out of range
     */
    public ConstructRunSpec {
        Objects.requireNonNull(method, "method");
        widths = List.copyOf(widths);
        switch (method) {
            case "pensia" -> {
                if (n == null || n < 1 || maxUnits != null) {
                    throw new IllegalArgumentException("A Pensia construction needs a positive n and no maxUnits, got n "
                            + n + " and maxUnits " + maxUnits + ".");
                }
            }
            case "malach" -> {
                if (maxUnits == null || maxUnits < 1 || n != null) {
                    throw new IllegalArgumentException("A Malach construction needs a positive maxUnits and no n, got "
                            + "maxUnits " + maxUnits + " and n " + n + ".");
                }
            }
            default -> throw new IllegalArgumentException("The construction must be pensia or malach, got '" + method
                    + "'.");
        }
        if (widths.size() < 2 || widths.stream().anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("The widths must list at least two positive widths d_0..d_l, got "
                    + widths + ".");
        }
        if (!(eps > 0 && eps < 1)) {
            throw new IllegalArgumentException("eps must be in (0, 1), got " + eps + ".");
        }
        if (testPoints < 0) {
            throw new IllegalArgumentException("The number of test points must be at least 0, got " + testPoints + ".");
        }
    }

    /** @return the widths as an array */
    public int[] widthArray() {
        return widths.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * An upper estimate of the bytes the construction holds at once: per layer of {@code d_in -> d_out}
     * with {@code u = 2n} random units per input coordinate, the random and the pruned network's two
     * matrices, {@code 4 u d_in (d_in + d_out)} doubles, plus the float32 ticket (half as much again).
     * Malach's construction draws units until every weight is covered, a number known only while drawing
     * ({@code maxUnits} bounds it far above what runs use), so only Pensia's is estimated; Malach's is 0.
     *
     * @return the estimate in bytes
     */
    public double estimatedBytes() {
        if (!method.equals("pensia")) {
            return 0;
        }
        double units = 2.0 * n;
        double total = 0;
        for (int i = 0; i + 1 < widths.size(); i++) {
            double dIn = widths.get(i);
            double dOut = widths.get(i + 1);
            total += 1.5 * 8 * 4 * units * dIn * (dIn + dOut);
        }
        return total;
    }

    /** @return the sizes {@link #estimatedBytes()} follows from, for messages */
    public String sizes() {
        return "widths " + widths + (method.equals("pensia") ? ", n = " + n : ", maxUnits = " + maxUnits);
    }
}
