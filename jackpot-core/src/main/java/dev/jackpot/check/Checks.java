package dev.jackpot.check;

/**
 * Argument checks shared by every spec and problem record: each message names the parameter and
 * the rejected value, e.g. {@code "noise must be non-negative, got -0.1"}.
 */
public final class Checks {

    private Checks() {
    }

    /**
     * @param name  the parameter
     * @param value its value
     * @throws IllegalArgumentException if {@code value <= 0}
     */
    public static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /**
     * @param name  the parameter
     * @param value its value
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public static void finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
    }

    /**
     * @param name  the parameter
     * @param value its value
     * @throws IllegalArgumentException if {@code value} is not finite or is negative
     */
    public static void nonNegative(String name, double value) {
        finite(name, value);
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be non-negative, got " + value);
        }
    }

    /**
     * @param name  the parameter
     * @param value its value
     * @throws IllegalArgumentException if {@code value} is not finite or not positive
     */
    public static void positive(String name, double value) {
        finite(name, value);
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
