package dev.jackpot.teacher;

/**
 * Estimates L = lambda_max of the masked Hessian of the risk at a point, by power iteration on
 * Hessian-vector products. Used to normalise the step size (see {@link StepUnit#NORMALISED}).
 *
 * <p>The start vector is all ones on the mask (deterministic, and never orthogonal to the top
 * eigenvector of these Gauss-Newton Hessians in practice, whose top direction moves all neurons
 * along a shared input direction). The Rayleigh quotient after {@link #ITERATIONS} steps is within a
 * few percent of lambda_max on the paper's problems; it never overestimates it.
 */
public final class Curvature {

    /** Power iterations used by the solver. */
    public static final int ITERATIONS = 20;

    private Curvature() {
    }

    /**
     * @param objective  the masked risk
     * @param w          the point (K x d)
     * @param iterations power iterations, positive
     * @return the Rayleigh-quotient estimate of lambda_max; 0 if the Hessian vanishes there
     */
    public static double topEigenvalue(Objective objective, double[][] w, int iterations) {
        int[][] supports = objective.mask().supportsView();
        int k = w.length;
        int d = w[0].length;
        double[][] v = new double[k][d];
        double[][] hv = new double[k][d];
        for (int j = 0; j < k; j++) {
            for (int i : supports[j]) {
                v[j][i] = 1.0;
            }
        }
        double estimate = 0;
        for (int it = 0; it < iterations; it++) {
            double norm = normOnMask(v, supports);
            if (norm == 0) {
                return 0.0;
            }
            scaleOnMask(v, supports, 1.0 / norm);
            objective.hessianVector(w, v, hv);
            estimate = dotOnMask(v, hv, supports);
            double[][] t = v;
            v = hv;
            hv = t;
        }
        return Math.max(estimate, 0.0);
    }

    private static double normOnMask(double[][] v, int[][] supports) {
        return Math.sqrt(dotOnMask(v, v, supports));
    }

    private static double dotOnMask(double[][] a, double[][] b, int[][] supports) {
        double s = 0;
        for (int j = 0; j < supports.length; j++) {
            for (int i : supports[j]) {
                s += a[j][i] * b[j][i];
            }
        }
        return s;
    }

    private static void scaleOnMask(double[][] v, int[][] supports, double factor) {
        for (int j = 0; j < supports.length; j++) {
            for (int i : supports[j]) {
                v[j][i] *= factor;
            }
        }
    }
}
