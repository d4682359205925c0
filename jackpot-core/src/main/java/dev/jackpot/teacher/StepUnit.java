package dev.jackpot.teacher;

/**
 * The unit in which the step size eta of Algorithm 1 is given.
 *
 * <p>Why two units: the loss of eq. (2) has the output scaling 1/K inside a square, so its Hessian
 * is bounded by Theta(1/K) (eq. 7) and a stable step grows like K. Theorem 2 uses eta = K/14 for
 * that reason, while the experiments' stated eta = 0.5 at K = 10 converges far more slowly than the
 * paper's Figure 3 shows (the design note measures an effective step of 5-20 there). The curvature
 * also grows with d/N (the spectrum of an empirical covariance), so no fixed power of K is a safe
 * normalisation: the normalised unit divides by the measured curvature instead.
 */
public enum StepUnit {
    /**
     * eta multiplies the exact gradient of eq. (2) as written in the paper. Theorem 2's step is
     * eta = K/14; the paper's Figure 3 states eta = 0.5.
     */
    PAPER,
    /**
     * eta is relative to the curvature: the step applied to the gradient of eq. (2) is eta / L, with
     * L the top eigenvalue of the masked Hessian at W(0) estimated by {@link Curvature}. Heavy-ball
     * momentum beta is stable on a quadratic for eta &lt; 2 (1 + beta); the default is eta = 1.5. The
     * step actually used, in paper units, is reported in {@link AgdResult#step()}.
     */
    NORMALISED
}
