package dev.jackpot.prune;

/**
 * Jackpot's exact counting rules (weak-lth.md section 3.2, "Jackpot default"):
 * <ul>
 *   <li>one IMP round at prune fraction {@code p} on {@code R} remaining eligible weights removes
 *       {@code m = ceil(p·R)};</li>
 *   <li>a target density {@code d} on {@code N} eligible weights keeps {@code round(d·N)}, halves
 *       rounded up.</li>
 * </ul>
 * The rates are decimals written by a person, so {@code p·R} is first snapped to the nearest
 * half-integer when within a relative 1e-9 of it: {@code 0.2 × 1000} is 200 (the binary double
 * 0.2 is slightly above 1/5, so a literal ceil would give 201).
 */
public final class Counting {

    private static final double SNAP = 1e-9;

    private Counting() {
    }

    /**
     * @param fraction  prune fraction p in (0, 1)
     * @param remaining remaining weights R, non-negative
     * @return {@code ceil(p·R)}, between 0 and R
     * @throws IllegalArgumentException if p is not in (0, 1) or R is negative
     */
    public static long removals(double fraction, long remaining) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("The prune fraction must be in (0, 1), got " + fraction + ".");
        }
        if (remaining < 0) {
            throw new IllegalArgumentException("The remaining count must be non-negative, got " + remaining + ".");
        }
        return Math.min(remaining, (long) Math.ceil(snap(fraction * remaining)));
    }

    /**
     * @param density target density d in (0, 1]
     * @param size    eligible weights N, non-negative
     * @return {@code round(d·N)} (halves up), between 0 and N
     * @throws IllegalArgumentException if d is not in (0, 1] or N is negative
     */
    public static long keepForDensity(double density, long size) {
        if (!(density > 0 && density <= 1)) {
            throw new IllegalArgumentException("The target density must be in (0, 1], got " + density + ".");
        }
        if (size < 0) {
            throw new IllegalArgumentException("The size must be non-negative, got " + size + ".");
        }
        return Math.min(size, (long) Math.floor(snap(density * size) + 0.5));
    }

    private static double snap(double x) {
        double half = Math.rint(x * 2) / 2;
        return Math.abs(x - half) <= SNAP * Math.max(1, Math.abs(x)) ? half : x;
    }
}
