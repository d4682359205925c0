package dev.jackpot.subsetsum;

/** Argument checks whose messages name the parameter and the rejected value. */
final class Checks {

    private Checks() {
    }

    static void finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, got " + value);
        }
    }

    static void nonNegative(String name, double value) {
        finite(name, value);
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be non-negative, got " + value);
        }
    }

    static void positive(String name, double value) {
        finite(name, value);
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /**
     * Checks that {@code subset} holds strictly increasing indices in [0, n).
     *
     * @throws IllegalArgumentException naming the offending position and index
     */
    static void subset(int[] subset, int n) {
        if (subset == null) {
            throw new NullPointerException("subset");
        }
        for (int k = 0; k < subset.length; k++) {
            int i = subset[k];
            if (i < 0 || (n >= 0 && i >= n)) {
                throw new IllegalArgumentException("subset[" + k + "] must be an index in [0, " + (n < 0 ? "n" : n)
                        + "), got " + i);
            }
            if (k > 0 && i <= subset[k - 1]) {
                throw new IllegalArgumentException("subset must hold strictly increasing indices, got " + subset[k - 1]
                        + " then " + i + " at positions " + (k - 1) + " and " + k);
            }
        }
    }
}
