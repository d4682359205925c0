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

    /**
     * The population value of {@link #testError}, in closed form: the RMS of g(x; W) - g(x; W*)
     * over x ~ N(0, I_d), the limit of the test error as the number of test samples grows. With
     * k(u, v) = E[relu(u . x) relu(v . x)] = |u| |v| (sin t + (pi - t) cos t) / (2 pi), t the angle
     * between u and v (the arc-cosine kernel of degree 1), the mean square error is
     * (1/K^2) sum_{j,l} [k(w_j, w_l) - 2 k(w_j, w*_l) + k(w*_j, w*_l)]. Cost O(K^2 d).
     *
     * @param w     the learner's weights, read on {@code mask} only
     * @param mask  the learner's mask
     * @param wStar the oracle's weights (zero outside its own mask)
     * @return the population root-mean-square prediction error
     */
    public static double populationTestError(double[][] w, dev.jackpot.mask.SupportMask mask, double[][] wStar) {
        int k = w.length;
        if (wStar.length != k || mask.neurons() != k) {
            throw new IllegalArgumentException("W has " + k + " neurons, W* " + wStar.length + ", the mask "
                    + mask.neurons());
        }
        double[] norm = new double[2 * k];
        double[][] unit = unitRows(w, mask, wStar, norm);
        double s = 0;
        for (int a = 0; a < 2 * k; a++) {
            for (int b = a; b < 2 * k; b++) {
                double kernel = reluKernel(unit[a], norm[a], unit[b], norm[b]);
                double sign = (a < k) == (b < k) ? 1 : -1;
                s += (a == b ? 1 : 2) * sign * kernel;
            }
        }
        return Math.sqrt(Math.max(s, 0.0)) / k;
    }

    /** E[relu(u . x) relu(v . x)] for x ~ N(0, I); see {@link #reluKernel(double[], double, double[], double)}. */
    static double reluKernel(double[] u, double[] v) {
        double nu = Math.sqrt(dot(u, u));
        double nv = Math.sqrt(dot(v, v));
        if (nu == 0 || nv == 0) {
            return 0;
        }
        double[] a = u.clone();
        double[] b = v.clone();
        for (int i = 0; i < a.length; i++) {
            a[i] /= nu;
            b[i] /= nv;
        }
        return reluKernel(a, nu, b, nv);
    }

    /**
     * The learner's rows (0..K-1, read on {@code mask}, or everywhere when it is null) and the oracle's
     * (K..2K-1) as unit directions (a zero row stays zero), their norms written to {@code norm}: the inputs of
     * the arc-cosine kernel, shared with {@link PopulationFit}.
     */
    static double[][] unitRows(double[][] w, dev.jackpot.mask.SupportMask mask, double[][] wStar, double[] norm) {
        int k = w.length;
        int d = w[0].length;
        double[][] unit = new double[2 * k][d];
        for (int j = 0; j < k; j++) {
            if (mask == null) {
                System.arraycopy(w[j], 0, unit[j], 0, d);
            } else {
                for (int i : mask.supportsView()[j]) {
                    unit[j][i] = w[j][i];
                }
            }
            System.arraycopy(wStar[j], 0, unit[k + j], 0, d);
        }
        for (int a = 0; a < 2 * k; a++) {
            double s = 0;
            for (double v : unit[a]) {
                s += v * v;
            }
            norm[a] = Math.sqrt(s);
            if (norm[a] > 0) {
                double inv = 1 / norm[a];
                for (int i = 0; i < d; i++) {
                    unit[a][i] *= inv;
                }
            }
        }
        return unit;
    }

    /**
     * E[relu(u . x) relu(v . x)] = |u| |v| (sin t + (pi - t) cos t) / (2 pi) from the unit directions
     * a, b and norms of u, v.
     */
    private static double reluKernel(double[] a, double na, double[] b, double nb) {
        if (na == 0 || nb == 0) {
            return 0;
        }
        return reluKernel(na, nb, angle(a, b));
    }

    /** |u| |v| (sin t + (pi - t) cos t) / (2 pi) from the norms and {@link #angle} of u and v. */
    static double reluKernel(double na, double nb, double[] angle) {
        return na * nb * (angle[1] + (Math.PI - angle[0]) * angle[2]) / (2 * Math.PI);
    }

    /**
     * {t, sin t, cos t} for the angle t between unit directions a and b. With m = |a - b| = 2 sin(t/2) and
     * p = |a + b| = 2 cos(t/2): t = 2 atan2(m, p), sin t = m p / 2, cos t = (p^2 - m^2) / 4, all accurate for
     * nearly parallel vectors (acos of a . b is not).
     */
    static double[] angle(double[] a, double[] b) {
        double minus = 0;
        double plus = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i];
            double y = b[i];
            minus += (x - y) * (x - y);
            plus += (x + y) * (x + y);
        }
        double m = Math.sqrt(minus);
        double p = Math.sqrt(plus);
        return new double[] {2 * Math.atan2(m, p), m * p / 2, (plus - minus) / 4};
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
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
