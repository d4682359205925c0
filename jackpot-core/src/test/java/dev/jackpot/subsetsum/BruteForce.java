package dev.jackpot.subsetsum;

import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;

/** The reference: every one of the 2^n subsets, summed directly in index order, and random instances. */
final class BruteForce {

    static final long SEED = 19980101L;

    private BruteForce() {
    }

    /** min over S of max(0, |sum_S x - z| - eps |S|), evaluated on every subset. */
    static double optimum(double[] x, double z, double eps) {
        int n = x.length;
        double best = Double.POSITIVE_INFINITY;
        for (long m = 0; m < 1L << n; m++) {
            double s = 0;
            int size = 0;
            for (int i = 0; i < n; i++) {
                if ((m >>> i & 1) != 0) {
                    s += x[i];
                    size++;
                }
            }
            double d = Math.abs(s - z);
            best = Math.min(best, eps == 0 ? d : Math.max(0, d - eps * size));
        }
        return best;
    }

    /** n candidates uniform in [-1, 1] and a target uniform in [-zRange, zRange], from a named stream. */
    static SubsetSumProblem instance(int n, double zRange, double eps, long... index) {
        Rng rng = Seeds.stream(SEED, "subset-sum-test", index);
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.uniform(-1, 1);
        }
        return new SubsetSumProblem(x, rng.uniform(-zRange, zRange), eps);
    }
}
