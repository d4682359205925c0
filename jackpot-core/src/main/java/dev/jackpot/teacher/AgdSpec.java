package dev.jackpot.teacher;

import dev.jackpot.check.Checks;

import java.util.Objects;

/**
 * Settings of Algorithm 1 (masked accelerated gradient descent) of Zhang et al. (NeurIPS 2021):
 *
 * <pre>
 *   W(t+1) = W(t) - step * (M . grad f_{D_t}(W(t))) + beta * (W(t) - W(t-1)),   W(-1) = W(0)
 * </pre>
 *
 * where step = eta in {@link StepUnit#PAPER} units, or eta / L with L the curvature at W(0) in
 * {@link StepUnit#NORMALISED} units. Heavy-ball (Polyak) momentum; beta = 0 is vanilla gradient descent. With {@code partitions} = T
 * the N samples are split into T disjoint contiguous blocks D_0..D_{T-1} and iteration t uses
 * D_{t mod T}, as in the algorithm; T = 1 is the full-batch mode the paper's experiments use.
 * The run stops when ||W(t+1) - W(t)||_F / ||W(t)||_F &lt; tol or after maxIterations.
 *
 * @param eta           step size, positive, in {@code stepUnit}
 * @param stepUnit      the unit of eta (see {@link StepUnit})
 * @param beta          momentum, in [0, 1)
 * @param tol           relative-change tolerance, positive (paper: 1e-8)
 * @param maxIterations iteration cap, positive (paper: 10000)
 * @param partitions    number of disjoint data blocks T, positive
 */
public record AgdSpec(double eta, StepUnit stepUnit, double beta, double tol, int maxIterations, int partitions) {

    /**
     * Default settings: normalised eta 1.5 (stable below 2.4 with this beta on a quadratic), beta 0.2
     * (paper), tol 1e-8 and 10000 iterations (paper), full batch.
     */
    public static final AgdSpec DEFAULT = new AgdSpec(1.5, StepUnit.NORMALISED, 0.2, 1e-8, 10_000, 1);

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming the field and the value when one is out of range
     */
    public AgdSpec {
        Objects.requireNonNull(stepUnit, "stepUnit");
        Checks.positive("eta", eta);
        Checks.finite("beta", beta);
        if (beta < 0 || beta >= 1) {
            throw new IllegalArgumentException("beta must be in [0, 1), got " + beta);
        }
        Checks.positive("tol", tol);
        Checks.positive("maxIterations", maxIterations);
        Checks.positive("partitions", partitions);
    }

    /**
     * @param value new momentum
     * @return a copy with {@code beta} replaced
     */
    public AgdSpec withBeta(double value) {
        return new AgdSpec(eta, stepUnit, value, tol, maxIterations, partitions);
    }

    /**
     * @param value new step
     * @param unit  its unit
     * @return a copy with the step replaced
     */
    public AgdSpec withEta(double value, StepUnit unit) {
        return new AgdSpec(value, unit, beta, tol, maxIterations, partitions);
    }

    /**
     * @param value new iteration cap
     * @return a copy with {@code maxIterations} replaced
     */
    public AgdSpec withMaxIterations(int value) {
        return new AgdSpec(eta, stepUnit, beta, tol, value, partitions);
    }

    /**
     * @param value new tolerance
     * @return a copy with {@code tol} replaced
     */
    public AgdSpec withTol(double value) {
        return new AgdSpec(eta, stepUnit, beta, value, maxIterations, partitions);
    }

    /**
     * @param value new number of partitions
     * @return a copy with {@code partitions} replaced
     */
    public AgdSpec withPartitions(int value) {
        return new AgdSpec(eta, stepUnit, beta, tol, maxIterations, value);
    }
}
