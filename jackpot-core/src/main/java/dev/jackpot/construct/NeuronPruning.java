package dev.jackpot.construct;

import dev.jackpot.linalg.LinearSolver;
import dev.jackpot.rng.Rng;
import dev.jackpot.rng.Seeds;

import java.util.Arrays;
import java.util.Objects;

/**
 * Neuron pruning of a random two-layer ReLU network as random features (Malach, Yehudai,
 * Shalev-Shwartz, Shamir, ICML 2020, section on neuron-subnetworks; design note strong-lth.md 4.2).
 *
 * <p>The random network is g(x) = sum_{i=1}^m u_i relu(&lt;w_i, x&gt;) with w_i uniform on the unit
 * sphere of R^d (a law D* on {||w|| &lt;= 1}) and u_i ~ U[-1, 1], all fixed. A neuron-subnetwork keeps
 * a subset B of the hidden units: g_B(x) = sum_{i in B} u_i relu(&lt;w_i, x&gt;), and the prediction
 * is c g_B(x) with one scalar c &gt;= 0. Given a sample (x_j, y_j), j = 1..N, the objective is the
 * mean squared error (1/N) sum_j (c g_B(x_j) - y_j)^2, with c set to its optimum
 * c(B) = max(0, &lt;g_B, y&gt; / &lt;g_B, g_B&gt;) for each B; the sup error max_j |c g_B(x_j) - y_j| (the
 * paper's finite-sample criterion) is reported too.
 *
 * <p>The algorithm ({@link #prune}) follows the paper's reduction of neuron pruning to random
 * features, in the form the design note specifies (the paper's own pseudo-code is not available to
 * this project, so this is the note's reading of its constructive proof, not a verified transcript):
 * <ol>
 *   <li>Random-features fit: alpha = argmin ||Phi alpha - y||^2 + lambda ||alpha||^2 with
 *       Phi_ji = relu(&lt;w_i, x_j&gt;), solved in the dual, alpha = Phi^T (Phi Phi^T + lambda I)^{-1} y
 *       (an N x N system; as lambda -&gt; 0 the minimum-norm interpolant, which exists when the
 *       empirical H = Phi Phi^T / m has lambda_min &gt; 0, the paper's assumption).</li>
 *   <li>Randomised rounding: neuron i is eligible iff sign(alpha_i) = sign(u_i); with
 *       c0 = max over eligible i of alpha_i / u_i, it is kept with probability p_i = alpha_i / (c0 u_i)
 *       &lt;= 1, so that E[c0 g_B] = sum over eligible i of alpha_i relu(&lt;w_i, .&gt;) (unbiased for
 *       the eligible part of the random-features fit).</li>
 *   <li>c is refitted by least squares on the kept subset.</li>
 *   <li>Optionally ({@code refine}), a deterministic local search: repeatedly add or remove the one
 *       neuron that lowers the objective most (c refitted each time) until no single change helps.
 *       This is a project addition, reported separately.</li>
 * </ol>
 * {@link #bruteForce} enumerates all 2^m subsets (m &lt;= {@link #MAX_BRUTE_FORCE}) for the exact optimum.
 */
public final class NeuronPruning {

    /** Quantiles of the eligible alpha_i / u_i tried as c0 (1 = the maximum: no probability clipped). */
    static final double[] C0_QUANTILES = {0.5, 0.75, 0.9, 0.99, 1.0};

    /** Rounds of the sign-consistent refit. */
    static final int MAX_SIGN_ROUNDS = 50;

    /** The largest width {@link #bruteForce} accepts. */
    public static final int MAX_BRUTE_FORCE = 20;

    private NeuronPruning() {
    }

    /**
     * A random two-layer network and a sample to fit.
     *
     * @param w first-layer weights, m x d, each row a unit vector
     * @param u output weights, length m, each in [-1, 1]
     * @param x sample inputs, N x d
     * @param y sample targets, length N
     */
    public record Instance(double[][] w, double[] u, double[][] x, double[] y) {
        /**
         * @throws IllegalArgumentException naming the value when shapes disagree or the sample is empty
         */
        public Instance {
            Objects.requireNonNull(w, "w");
            Objects.requireNonNull(u, "u");
            Objects.requireNonNull(x, "x");
            Objects.requireNonNull(y, "y");
            if (w.length != u.length) {
                throw new IllegalArgumentException("w has " + w.length + " rows but u has " + u.length + " entries");
            }
            if (x.length != y.length || x.length == 0) {
                throw new IllegalArgumentException("the sample needs as many targets as inputs (at least one), got "
                        + x.length + " inputs and " + y.length + " targets");
            }
        }

        /** @return the width m */
        public int width() {
            return u.length;
        }

        /**
         * The activations relu(&lt;w_i, x_j&gt;) u_i, N x m: column i is neuron i's contribution.
         *
         * @return the matrix
         */
        public double[][] contributions() {
            double[][] a = new double[x.length][u.length];
            for (int j = 0; j < x.length; j++) {
                for (int i = 0; i < u.length; i++) {
                    double s = 0;
                    for (int k = 0; k < x[j].length; k++) {
                        s += w[i][k] * x[j][k];
                    }
                    a[j][i] = u[i] * Math.max(0, s);
                }
            }
            return a;
        }
    }

    /**
     * A pruned network and its errors on the sample.
     *
     * @param kept     the kept neurons, increasing
     * @param scale    c &gt;= 0
     * @param mse      (1/N) sum_j (c g_B(x_j) - y_j)^2
     * @param supError max_j |c g_B(x_j) - y_j|
     * @param rfMse    the random-features fit's mean squared error (NaN for brute force)
     */
    public record Result(int[] kept, double scale, double mse, double supError, double rfMse) {
        /** @return a copy of the kept neurons */
        @Override
        public int[] kept() {
            return kept.clone();
        }
    }

    /**
     * Draws an instance: w_i uniform on the sphere, u_i ~ U[-1, 1], N inputs uniform on the sphere,
     * targets y_j = f(x_j) for a fixed random target f(x) = sum_{t=1}^{3} a_t relu(&lt;v_t, x&gt;), a_t ~
     * U[-1, 1], v_t uniform on the sphere, rescaled so that max_j |y_j| = 1 (streams "neurons-w",
     * "neurons-u", "neurons-x", "neurons-target").
     *
     * @param m    width, positive
     * @param d    input dimension, positive
     * @param n    sample size, positive
     * @param seed root seed
     * @return the instance
     * @throws IllegalArgumentException naming the value when a size is not positive
     */
    public static Instance random(int m, int d, int n, long seed) {
        if (m < 1 || d < 1 || n < 1) {
            throw new IllegalArgumentException("width, dimension and sample size must be positive, got m = " + m
                    + ", d = " + d + ", N = " + n);
        }
        Rng rw = Seeds.stream(seed, "neurons-w");
        Rng ru = Seeds.stream(seed, "neurons-u");
        Rng rx = Seeds.stream(seed, "neurons-x");
        Rng rt = Seeds.stream(seed, "neurons-target");
        double[][] w = new double[m][];
        double[] u = new double[m];
        for (int i = 0; i < m; i++) {
            w[i] = sphere(rw, d);
            u[i] = ru.uniform(-1, 1);
        }
        double[][] v = new double[3][];
        double[] a = new double[3];
        for (int t = 0; t < 3; t++) {
            v[t] = sphere(rt, d);
            a[t] = rt.uniform(-1, 1);
        }
        double[][] x = new double[n][];
        double[] y = new double[n];
        double max = 0;
        for (int j = 0; j < n; j++) {
            x[j] = sphere(rx, d);
            for (int t = 0; t < 3; t++) {
                y[j] += a[t] * Math.max(0, dot(v[t], x[j]));
            }
            max = Math.max(max, Math.abs(y[j]));
        }
        for (int j = 0; j < n; j++) {
            y[j] = max > 0 ? y[j] / max : 0;
        }
        return new Instance(w, u, x, y);
    }

    /**
     * The algorithm of the class comment.
     *
     * @param instance the network and sample
     * @param ridge    lambda, relative to the mean diagonal of Phi Phi^T; finite and positive
     * @param refine   whether to run the local search after the rounding
     * @param rng      the stream for the rounding
     * @return the pruned network
     * @throws IllegalArgumentException when ridge is not finite and positive
     */
    public static Result prune(Instance instance, double ridge, boolean refine, Rng rng) {
        if (!(ridge > 0) || !Double.isFinite(ridge)) {
            throw new IllegalArgumentException("ridge must be finite and positive, got " + ridge);
        }
        int m = instance.width();
        int n = instance.y().length;
        double[][] contrib = instance.contributions();
        double[] u = instance.u();
        // Phi_ji = relu(<w_i, x_j>) = contrib_ji / u_i (u_i = 0 has probability 0; treat as a dead feature)
        double[][] phi = new double[n][m];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                phi[j][i] = u[i] != 0 ? contrib[j][i] / u[i] : 0;
            }
        }
        // sign-consistent random-features fit: refit on the features whose coefficient has the sign of
        // their u_i until none flips (the pruned net cannot change u_i's sign, so the rest are lost anyway)
        boolean[] eligible = new boolean[m];
        Arrays.fill(eligible, true);
        double[] alpha = new double[m];
        for (int round = 0; round < MAX_SIGN_ROUNDS; round++) {
            alpha = ridgeFit(phi, instance.y(), eligible, ridge);
            boolean changed = false;
            for (int i = 0; i < m; i++) {
                if (eligible[i] && !(u[i] != 0 && alpha[i] / u[i] > 0)) {
                    eligible[i] = false;
                    alpha[i] = 0;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
        }
        double[] rfPred = new double[n];
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < m; i++) {
                rfPred[j] += phi[j][i] * alpha[i];
            }
        }
        double rfMse = 0;
        for (int j = 0; j < n; j++) {
            double e = rfPred[j] - instance.y()[j];
            rfMse += e * e / n;
        }
        // randomised rounding, one uniform per neuron shared by every c0 (common random numbers)
        double[] draws = new double[m];
        for (int i = 0; i < m; i++) {
            draws[i] = rng.nextDouble();
        }
        double[] ratios = new double[m];
        int count = 0;
        for (int i = 0; i < m; i++) {
            if (alpha[i] != 0 && u[i] != 0 && alpha[i] / u[i] > 0) {
                ratios[count++] = alpha[i] / u[i];
            }
        }
        double[] sorted = Arrays.copyOf(ratios, count);
        Arrays.sort(sorted);
        boolean[] keep = new boolean[m];
        double bestMse = Double.POSITIVE_INFINITY;
        for (double q : C0_QUANTILES) {
            if (count == 0) {
                break;
            }
            double c0 = sorted[Math.min(count - 1, (int) Math.floor(q * (count - 1)))];
            boolean[] trial = new boolean[m];
            for (int i = 0; i < m; i++) {
                double p = u[i] != 0 ? Math.min(1, alpha[i] / (c0 * u[i])) : 0;
                trial[i] = p > 0 && draws[i] < p;
            }
            double v = mse(contrib, instance.y(), trial);
            if (v < bestMse) {
                bestMse = v;
                keep = trial;
            }
        }
        if (refine) {
            localSearch(contrib, instance.y(), keep);
        }
        return evaluate(contrib, instance.y(), keep, rfMse);
    }

    /**
     * The exact optimum over all 2^m subsets (with the optimal c for each).
     *
     * @param instance the network and sample, m &lt;= {@link #MAX_BRUTE_FORCE}
     * @return the best subset (the first in increasing bitmask order among ties)
     * @throws IllegalArgumentException when m exceeds the limit
     */
    public static Result bruteForce(Instance instance) {
        int m = instance.width();
        if (m > MAX_BRUTE_FORCE) {
            throw new IllegalArgumentException("brute force enumerates 2^m subsets and accepts m <= "
                    + MAX_BRUTE_FORCE + ", got " + m);
        }
        double[][] contrib = instance.contributions();
        double[] y = instance.y();
        double best = Double.POSITIVE_INFINITY;
        long bestMask = 0;
        boolean[] keep = new boolean[m];
        for (long mask = 0; mask < (1L << m); mask++) {
            for (int i = 0; i < m; i++) {
                keep[i] = (mask >> i & 1) != 0;
            }
            double mse = mse(contrib, y, keep);
            if (mse < best) {
                best = mse;
                bestMask = mask;
            }
        }
        for (int i = 0; i < m; i++) {
            keep[i] = (bestMask >> i & 1) != 0;
        }
        return evaluate(contrib, y, keep, Double.NaN);
    }

    /**
     * Ridge regression on the eligible columns of phi, in the dual: alpha = Phi_E^T (Phi_E Phi_E^T +
     * lambda I)^{-1} y with lambda = ridge x the mean diagonal of Phi_E Phi_E^T; 0 off E.
     */
    private static double[] ridgeFit(double[][] phi, double[] y, boolean[] eligible, double ridge) {
        int n = phi.length;
        int m = eligible.length;
        double[][] gram = new double[n][n];
        double trace = 0;
        for (int a = 0; a < n; a++) {
            for (int b = 0; b <= a; b++) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    if (eligible[i]) {
                        s += phi[a][i] * phi[b][i];
                    }
                }
                gram[a][b] = s;
                gram[b][a] = s;
            }
            trace += gram[a][a];
        }
        double lambda = ridge * Math.max(trace / n, 1e-12);
        for (int a = 0; a < n; a++) {
            gram[a][a] += lambda;
        }
        double[] beta = LinearSolver.solve(gram, y);
        double[] alpha = new double[m];
        for (int i = 0; i < m; i++) {
            if (eligible[i]) {
                for (int j = 0; j < n; j++) {
                    alpha[i] += phi[j][i] * beta[j];
                }
            }
        }
        return alpha;
    }

    /** Single add/remove moves, best first, until none lowers the objective. */
    private static void localSearch(double[][] contrib, double[] y, boolean[] keep) {
        double current = mse(contrib, y, keep);
        while (true) {
            int bestFlip = -1;
            double best = current;
            for (int i = 0; i < keep.length; i++) {
                keep[i] = !keep[i];
                double v = mse(contrib, y, keep);
                keep[i] = !keep[i];
                if (v < best - 1e-15 * Math.max(1, best)) {
                    best = v;
                    bestFlip = i;
                }
            }
            if (bestFlip < 0) {
                return;
            }
            keep[bestFlip] = !keep[bestFlip];
            current = best;
        }
    }

    private static double[] output(double[][] contrib, boolean[] keep) {
        double[] g = new double[contrib.length];
        for (int j = 0; j < contrib.length; j++) {
            for (int i = 0; i < keep.length; i++) {
                if (keep[i]) {
                    g[j] += contrib[j][i];
                }
            }
        }
        return g;
    }

    /** c(B) = max(0, &lt;g, y&gt; / &lt;g, g&gt;), 0 when g = 0. */
    private static double scale(double[] g, double[] y) {
        double gy = 0;
        double gg = 0;
        for (int j = 0; j < g.length; j++) {
            gy += g[j] * y[j];
            gg += g[j] * g[j];
        }
        return gg > 0 ? Math.max(0, gy / gg) : 0;
    }

    private static double mse(double[][] contrib, double[] y, boolean[] keep) {
        double[] g = output(contrib, keep);
        double c = scale(g, y);
        double s = 0;
        for (int j = 0; j < g.length; j++) {
            double e = c * g[j] - y[j];
            s += e * e;
        }
        return s / g.length;
    }

    private static Result evaluate(double[][] contrib, double[] y, boolean[] keep, double rfMse) {
        double[] g = output(contrib, keep);
        double c = scale(g, y);
        double s = 0;
        double sup = 0;
        for (int j = 0; j < g.length; j++) {
            double e = Math.abs(c * g[j] - y[j]);
            s += e * e;
            sup = Math.max(sup, e);
        }
        int[] kept = new int[keep.length];
        int k = 0;
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                kept[k++] = i;
            }
        }
        return new Result(Arrays.copyOf(kept, k), c, s / g.length, sup, rfMse);
    }

    private static double[] sphere(Rng rng, int d) {
        double[] v = new double[d];
        double norm = 0;
        while (norm == 0) {
            norm = 0;
            for (int k = 0; k < d; k++) {
                v[k] = rng.nextGaussian();
                norm += v[k] * v[k];
            }
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < d; k++) {
            v[k] /= norm;
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }
}
