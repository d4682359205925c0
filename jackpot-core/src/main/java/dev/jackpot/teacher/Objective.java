package dev.jackpot.teacher;

import dev.jackpot.mask.SupportMask;

/**
 * The learner's empirical risk f(W) on a data set, restricted to a mask, with its gradient and
 * Hessian-vector product. Rows of W are neurons (K x d).
 *
 * <p>Regression: f = (1/2N) sum_n (g(x_n; W) - y_n)^2 (eq. 2 of Zhang et al. 2021). Binary:
 * cross-entropy (see {@link Task#BINARY}). The gradient is, for column j,
 * grad_{w_j} f = (1/N) sum_n l'(g_n) (1/K) relu'(w_j . x_n) x_n, with relu'(0) := 0.
 *
 * <p>Implementations are not thread-safe: each owns its work buffers.
 */
public interface Objective {

    /** @return the mask M the learner is restricted to */
    SupportMask mask();

    /** @return the number of samples N */
    int samples();

    /**
     * Evaluates f on the samples [lo, hi) and, when {@code grad} is not null, writes M . grad f
     * into it. Entries outside the mask are not written.
     *
     * @param w    K x d weights (not modified)
     * @param lo   first sample (inclusive)
     * @param hi   last sample (exclusive)
     * @param grad K x d output, or null for the loss only (modified)
     * @return the loss on [lo, hi)
     */
    double evaluate(double[][] w, int lo, int hi, double[][] grad);

    /**
     * The Hessian-vector product H v of f over all samples, on the mask. For ReLU the Hessian is
     * exact almost everywhere: H_{jk} = (1/N) sum_n l''(g_n) (1/K^2) relu'_j relu'_k x_n x_n^T.
     *
     * @param w   K x d weights (not modified)
     * @param v   K x d direction (not modified; read on the mask)
     * @param out K x d result (modified on the mask)
     */
    void hessianVector(double[][] w, double[][] v, double[][] out);
}
