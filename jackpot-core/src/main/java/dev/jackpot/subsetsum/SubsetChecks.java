package dev.jackpot.subsetsum;

/** The subset-index check of this package; scalar checks are in {@link dev.jackpot.check.Checks}. */
final class SubsetChecks {

    private SubsetChecks() {
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
