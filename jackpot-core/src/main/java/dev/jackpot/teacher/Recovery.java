package dev.jackpot.teacher;

import dev.jackpot.linalg.Hungarian;

/**
 * Metrics of a learned W against the oracle W* (rows are neurons).
 *
 * <p>The network is invariant to permuting its neurons, so the recovery error is
 * min_P ||W - W* P||_F / ||W*||_F, the minimum over permutations found exactly by the Hungarian
 * algorithm on C_jk = ||w_j - w*_k||^2 (not greedily).
 */
public final class Recovery {

    private Recovery() {
    }

    /**
     * @param w     the learner's K x d weights
     * @param wStar the oracle's K x d weights, not all zero
     * @return min over permutations P of ||W - W* P||_F / ||W*||_F
     */
    public static double relativeError(double[][] w, double[][] wStar) {
        int[] p = matching(w, wStar);
        double s = 0;
        for (int j = 0; j < w.length; j++) {
            s += squaredDistance(w[j], wStar[p[j]]);
        }
        return Math.sqrt(s) / Matrices.frobenius(wStar);
    }

    /**
     * @param w     the learner's weights
     * @param wStar the oracle's weights
     * @return p with learner neuron j matched to oracle neuron p[j], minimising the total distance
     */
    public static int[] matching(double[][] w, double[][] wStar) {
        if (w.length != wStar.length || w[0].length != wStar[0].length) {
            throw new IllegalArgumentException("W is " + w.length + "x" + w[0].length + " but W* is "
                    + wStar.length + "x" + wStar[0].length);
        }
        double[][] cost = new double[w.length][w.length];
        for (int j = 0; j < w.length; j++) {
            for (int k = 0; k < w.length; k++) {
                cost[j][k] = squaredDistance(w[j], wStar[k]);
            }
        }
        return Hungarian.solve(cost);
    }

    /**
     * Test error of section 4.2: sqrt(mean_n (g(x_n; W) - g(x_n; W*))^2) over noiseless samples.
     *
     * @param w    the learner's weights
     * @param mask the learner's mask (W is zero outside it)
     * @param test test data drawn from the teacher; the mask's rows are materialised here
     * @return the root-mean-square prediction error
     */
    public static double testError(double[][] w, dev.jackpot.mask.SupportMask mask, Dataset test) {
        test.materialise(mask);
        double[] out = new double[test.samples()];
        Forward.output(w, mask.supportsView(), test.rowsView(), 0, test.samples(), out);
        double[] clean = test.cleanView();
        double s = 0;
        for (int n = 0; n < out.length; n++) {
            double e = out[n] - clean[n];
            s += e * e;
        }
        return Math.sqrt(s / out.length);
    }

    private static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double t = a[i] - b[i];
            s += t * t;
        }
        return s;
    }
}
