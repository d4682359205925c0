package dev.jackpot.teacher;

/**
 * The unit in which the step size eta of Algorithm 1 is given.
 *
 * <p>The loss of eq. (2) carries the 1/K output scaling twice in its curvature: its Hessian is
 * bounded by Theta(1/K) (eq. 7), so a stable step grows like K. That is why Theorem 2 uses
 * eta = K/14, and why the experiments' eta = 0.5 at K = 10 converges far more slowly than the
 * paper's Figure 3 shows (the design notes measure an effective step of 5-20 there).
 */
public enum StepUnit {
    /**
     * eta multiplies the exact gradient of eq. (2) as written in the paper. Theorem 2's step is
     * eta = K/14; the paper's Figure 3 states eta = 0.5.
     */
    PAPER,
    /**
     * eta is normalised by K: the step applied to the gradient of eq. (2) is eta * K. The Hessian
     * of eq. (2) times K has its top eigenvalue near 0.2-0.3 for the paper's teachers, so
     * heavy-ball momentum beta is stable for eta below roughly 2(1 + beta) / 0.3. Theorem 2's step is
     * eta = 1/14 in this unit; the default eta = 5 is the paper's "effective step 50" at K = 10.
     */
    NORMALISED;

    /**
     * @param eta     the step in this unit
     * @param neurons K
     * @return the step that multiplies the gradient of eq. (2)
     */
    public double toPaper(double eta, int neurons) {
        return this == PAPER ? eta : eta * neurons;
    }
}
