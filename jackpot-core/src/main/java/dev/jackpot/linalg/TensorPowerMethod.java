package dev.jackpot.linalg;

import dev.jackpot.rng.Rng;

/**
 * Robust tensor power method with deflation (Anandkumar, Ge, Hsu, Kakade, Telgarsky, "Tensor
 * decompositions for learning latent variable models", JMLR 2014, Algorithm 1) for a symmetric
 * tensor of order 3 or 4 with K-dimensional modes that is (close to) orthogonally decomposable,
 * T = sum_j mu_j o_j^{(x)m} with orthonormal o_j.
 *
 * <p>For each component: {@code starts} random unit vectors each run {@code iterations} power
 * steps theta &lt;- T(I, theta, ..., theta) / ||T(I, theta, ..., theta)||; the start with the
 * largest T(theta, ..., theta) is refined by further steps until it stops moving, then
 * T &lt;- T - mu theta^{(x)m} (deflation). For an exactly decomposable T the iteration converges
 * quadratically (order 3) or cubically (order 4), so the components come out to working precision.
 *
 * <p>Order 3 is odd, so (mu, o) and (-mu, -o) give the same term; the power step always lands on
 * the representative with mu &gt; 0 (up to round-off), so the returned eigenvalues are
 * non-negative. Order 4 is even: the method needs the mu_j positive and the signs of the returned
 * vectors are arbitrary.
 */
public final class TensorPowerMethod {

    /** Refinement steps allowed after the best start has been chosen. */
    private static final int MAX_REFINEMENT = 500;

    private TensorPowerMethod() {
    }

    /**
     * The eigenpairs found, in the order they were deflated (largest T(theta, ..., theta) first).
     *
     * @param values  mu_j, length K
     * @param vectors o_j as rows, K x K, each of unit norm
     */
    public record Decomposition(double[] values, double[][] vectors) {
    }

    /**
     * Decomposes a symmetric third-order tensor into K rank-one terms.
     *
     * @param tensor     a symmetric K x K x K tensor (not modified)
     * @param starts     random restarts per component, positive
     * @param iterations power steps per restart, positive
     * @param rng        source of the random starts (K Gaussians per start)
     * @return the K eigenpairs
     * @throws IllegalArgumentException if the tensor is not cubic or the counts are not positive
     */
    public static Decomposition decompose(double[][][] tensor, int starts, int iterations, Rng rng) {
        int k = tensor.length;
        double[][][] t = new double[k][k][];
        for (int a = 0; a < k; a++) {
            if (tensor[a].length != k) {
                throw new IllegalArgumentException("tensor must be K x K x K, got a slice of " + tensor[a].length + " rows");
            }
            for (int b = 0; b < k; b++) {
                if (tensor[a][b].length != k) {
                    throw new IllegalArgumentException("tensor must be K x K x K, got a fibre of length " + tensor[a][b].length);
                }
                t[a][b] = tensor[a][b].clone();
            }
        }
        return run(new Order3(t), k, starts, iterations, rng);
    }

    /**
     * Decomposes a symmetric fourth-order tensor T = sum_j nu_j o_j^{(x)4} with nu_j &gt; 0
     * (negate T first if its eigenvalues are negative). Power step theta &lt;- T(I, theta, theta,
     * theta); with an even order the sign of o_j is not identifiable and the returned vectors have
     * arbitrary signs.
     *
     * @param tensor     a symmetric K x K x K x K tensor (not modified)
     * @param starts     random restarts per component, positive
     * @param iterations power steps per restart, positive
     * @param rng        source of the random starts (K Gaussians per start)
     * @return the K eigenpairs
     * @throws IllegalArgumentException if the tensor is not K^4 or the counts are not positive
     */
    public static Decomposition decompose(double[][][][] tensor, int starts, int iterations, Rng rng) {
        int k = tensor.length;
        double[][][][] t = new double[k][k][k][];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                for (int c = 0; c < k; c++) {
                    if (tensor[a].length != k || tensor[a][b].length != k || tensor[a][b][c].length != k) {
                        throw new IllegalArgumentException("tensor must be K x K x K x K with K = " + k);
                    }
                    t[a][b][c] = tensor[a][b][c].clone();
                }
            }
        }
        return run(new Order4(t), k, starts, iterations, rng);
    }

    private static Decomposition run(Tensor t, int k, int starts, int iterations, Rng rng) {
        if (starts <= 0 || iterations <= 0) {
            throw new IllegalArgumentException("starts and iterations must be positive, got " + starts + " and " + iterations);
        }
        double[] values = new double[k];
        double[][] vectors = new double[k][];
        double[] work = new double[k];
        for (int c = 0; c < k; c++) {
            double bestValue = Double.NEGATIVE_INFINITY;
            double[] best = null;
            for (int s = 0; s < starts; s++) {
                double[] theta = new double[k];
                rng.fillGaussian(theta);
                normalise(theta);
                for (int it = 0; it < iterations; it++) {
                    step(t, theta, work);
                }
                double value = t.contract(theta);
                if (value > bestValue) {
                    bestValue = value;
                    best = theta;
                }
            }
            for (int it = 0; it < MAX_REFINEMENT; it++) {
                if (step(t, best, work) < 1e-15) {
                    break;
                }
            }
            double mu = t.contract(best);
            values[c] = mu;
            vectors[c] = best;
            t.deflate(mu, best);
        }
        return new Decomposition(values, vectors);
    }

    /**
     * T(theta, theta, theta).
     *
     * @param t     a K x K x K tensor
     * @param theta a vector of length K
     * @return the full contraction
     */
    public static double contract(double[][][] t, double[] theta) {
        return new Order3(t).contract(theta);
    }

    /** One power step in place; returns ||theta_new - theta_old||_inf (0 if T(I,theta,...) = 0). */
    private static double step(Tensor t, double[] theta, double[] work) {
        int k = theta.length;
        t.apply(theta, work);
        double norm = norm(work);
        if (!(norm > 0) || !Double.isFinite(norm)) {
            // Nothing left to find (fully deflated): keep theta, which is still a unit vector.
            return 0.0;
        }
        double change = 0;
        for (int a = 0; a < k; a++) {
            double v = work[a] / norm;
            change = Math.max(change, Math.abs(v - theta[a]));
            theta[a] = v;
        }
        return change;
    }

    /** A symmetric tensor as the power method sees it. */
    private interface Tensor {
        /** out = T(I, theta, ..., theta). */
        void apply(double[] theta, double[] out);

        /** T(theta, ..., theta) = theta . T(I, theta, ..., theta). */
        default double contract(double[] theta) {
            double[] out = new double[theta.length];
            apply(theta, out);
            double s = 0;
            for (int a = 0; a < theta.length; a++) {
                s += out[a] * theta[a];
            }
            return s;
        }

        /** T -= mu theta^{(x) order}. */
        void deflate(double mu, double[] theta);
    }

    private record Order3(double[][][] t) implements Tensor {
        @Override
        public void apply(double[] theta, double[] out) {
            int k = theta.length;
            for (int a = 0; a < k; a++) {
                double sa = 0;
                for (int b = 0; b < k; b++) {
                    double[] fibre = t[a][b];
                    double sb = 0;
                    for (int c = 0; c < k; c++) {
                        sb += fibre[c] * theta[c];
                    }
                    sa += sb * theta[b];
                }
                out[a] = sa;
            }
        }

        @Override
        public void deflate(double mu, double[] theta) {
            int k = theta.length;
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    double f = mu * theta[a] * theta[b];
                    double[] fibre = t[a][b];
                    for (int c = 0; c < k; c++) {
                        fibre[c] -= f * theta[c];
                    }
                }
            }
        }
    }

    private record Order4(double[][][][] t) implements Tensor {
        @Override
        public void apply(double[] theta, double[] out) {
            int k = theta.length;
            for (int a = 0; a < k; a++) {
                double sa = 0;
                for (int b = 0; b < k; b++) {
                    double sb = 0;
                    for (int c = 0; c < k; c++) {
                        double[] fibre = t[a][b][c];
                        double sc = 0;
                        for (int d = 0; d < k; d++) {
                            sc += fibre[d] * theta[d];
                        }
                        sb += sc * theta[c];
                    }
                    sa += sb * theta[b];
                }
                out[a] = sa;
            }
        }

        @Override
        public void deflate(double mu, double[] theta) {
            int k = theta.length;
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    for (int c = 0; c < k; c++) {
                        double f = mu * theta[a] * theta[b] * theta[c];
                        double[] fibre = t[a][b][c];
                        for (int d = 0; d < k; d++) {
                            fibre[d] -= f * theta[d];
                        }
                    }
                }
            }
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }

    private static void normalise(double[] v) {
        double n = norm(v);
        if (n == 0) {
            v[0] = 1;
            return;
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= n;
        }
    }
}
