package dev.jackpot.teacher;

/**
 * Outcome of one run of Algorithm 1.
 *
 * @param weights    the final W (K x d, zero outside the mask); on divergence, the last finite iterate
 * @param iterations iterations performed
 * @param loss       the training loss of the final W on all N samples
 * @param converged  whether the relative change fell below tol
 * @param diverged   whether the run was stopped for divergence
 * @param stopReason a short human-readable reason
 * @param step       the step actually applied to the gradient of eq. (2) (paper units)
 */
public record AgdResult(double[][] weights, int iterations, double loss, boolean converged, boolean diverged,
                        String stopReason, double step) {
}
