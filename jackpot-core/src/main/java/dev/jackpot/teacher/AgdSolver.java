package dev.jackpot.teacher;

import java.util.Objects;

/**
 * Algorithm 1 of Zhang et al. (NeurIPS 2021): masked heavy-ball accelerated gradient descent on
 * the empirical risk, see {@link AgdSpec} for the update and stopping rule.
 *
 * <p>Decisions where the paper is silent or inconsistent (design note zhang2021.md, section 1.5):
 * W(-1) := W(0) (zero initial momentum); the gradient is taken at W(t) (heavy ball, not Nesterov);
 * W(0) is projected onto the mask first, because a masked gradient never moves entries outside it.
 *
 * <p>Divergence is a result, not an exception: the run stops with {@code diverged = true} when the
 * loss or W becomes non-finite, when the loss exceeds {@value #BLOW_UP} times the larger of the
 * initial loss and the loss of the zero predictor, or (full batch only) when the loss has risen
 * for {@value #GROWTH_WINDOW} consecutive iterations and exceeds its initial value.
 */
public final class AgdSolver {

    /** Loss bound, relative to the reference loss, beyond which a run counts as diverged. */
    public static final double BLOW_UP = 1e3;
    /** Consecutive loss increases (above the initial loss) that count as divergence. */
    public static final int GROWTH_WINDOW = 20;

    private AgdSolver() {
    }

    /**
     * Runs Algorithm 1.
     *
     * @param objective the masked risk (its mask is M)
     * @param w0        the initial point W(0), K x d (not modified; projected onto M)
     * @param spec      step, momentum, stopping rule and partitions
     * @param listener  observer of every iteration
     * @return the final iterate and how the run ended
     * @throws IllegalArgumentException if W(0) has the wrong shape or is not finite, or there are
     *                                  more partitions than samples
     */
    public static AgdResult solve(Objective objective, double[][] w0, AgdSpec spec, AgdListener listener) {
        Objects.requireNonNull(listener, "listener");
        int k = objective.mask().neurons();
        int d = objective.mask().inputs();
        if (w0.length != k || w0[0].length != d) {
            throw new IllegalArgumentException("W(0) is " + w0.length + "x" + w0[0].length
                    + " but the mask is K x d = " + k + "x" + d);
        }
        if (!Matrices.allFinite(w0)) {
            throw new IllegalArgumentException("W(0) has a non-finite entry");
        }
        int n = objective.samples();
        if (spec.partitions() > n) {
            throw new IllegalArgumentException("partitions must be at most N = " + n + ", got " + spec.partitions());
        }
        int[][] supports = objective.mask().supportsView();
        double beta = spec.beta();
        int parts = spec.partitions();

        double[][] w = Matrices.copy(w0);
        objective.mask().apply(w);
        double eta = step(objective, w, spec);
        double[][] previous = Matrices.copy(w);
        double[][] next = new double[k][d];
        double[][] grad = new double[k][d];

        double reference = Math.max(objective.evaluate(w, 0, n, null), zeroPredictorLoss(objective));
        double initialLoss = Double.NaN;
        double lastLoss = Double.NaN;
        int rising = 0;
        for (int t = 0; t < spec.maxIterations(); t++) {
            int lo = (int) ((long) (t % parts) * n / parts);
            int hi = (int) ((long) (t % parts + 1) * n / parts);
            double loss = objective.evaluate(w, lo, hi, grad);
            if (t == 0) {
                initialLoss = loss;
            }
            if (!Double.isFinite(loss) || loss > BLOW_UP * reference) {
                return diverged(objective, w, t, eta, "loss " + loss + " at iteration " + t
                        + " exceeds " + BLOW_UP + " x the reference loss " + reference);
            }
            if (parts == 1) {
                rising = (t > 0 && loss > lastLoss && loss > initialLoss) ? rising + 1 : 0;
                if (rising >= GROWTH_WINDOW) {
                    return diverged(objective, w, t, eta, "loss rose for " + GROWTH_WINDOW
                            + " consecutive iterations to " + loss + " (initial " + initialLoss + ")");
                }
            }
            lastLoss = loss;
            double change = 0;
            double norm = 0;
            for (int j = 0; j < k; j++) {
                double[] wj = w[j];
                double[] pj = previous[j];
                double[] nj = next[j];
                double[] gj = grad[j];
                for (int i : supports[j]) {
                    double v = wj[i] - eta * gj[i] + beta * (wj[i] - pj[i]);
                    double delta = v - wj[i];
                    change += delta * delta;
                    norm += wj[i] * wj[i];
                    nj[i] = v;
                }
            }
            if (!Double.isFinite(change)) {
                return diverged(objective, w, t, eta, "W became non-finite at iteration " + (t + 1));
            }
            double[][] spare = previous;
            previous = w;
            w = next;
            next = spare;
            double relative = norm > 0 ? Math.sqrt(change / norm) : (change > 0 ? Double.POSITIVE_INFINITY : 0.0);
            listener.onIteration(t + 1, loss, relative, w);
            if (relative < spec.tol()) {
                return new AgdResult(w, t + 1, objective.evaluate(w, 0, n, null), true, false,
                        "relative change " + relative + " < tol " + spec.tol(), eta);
            }
        }
        return new AgdResult(w, spec.maxIterations(), objective.evaluate(w, 0, n, null), false, false,
                "reached maxIterations = " + spec.maxIterations(), eta);
    }

    /**
     * The step applied to the gradient of eq. (2): eta itself in paper units, eta / L in normalised
     * units with L the curvature at W(0).
     *
     * @param objective the masked risk
     * @param w0        W(0), already on the mask
     * @param spec      the settings
     * @return the step in paper units
     * @throws IllegalArgumentException if the curvature at W(0) vanishes (every neuron inactive)
     */
    public static double step(Objective objective, double[][] w0, AgdSpec spec) {
        if (spec.stepUnit() == StepUnit.PAPER) {
            return spec.eta();
        }
        double curvature = Curvature.topEigenvalue(objective, w0, Curvature.ITERATIONS);
        if (!(curvature > 0) || !Double.isFinite(curvature)) {
            throw new IllegalArgumentException("the Hessian at W(0) vanishes (every neuron is inactive), so a "
                    + "normalised step is undefined; give eta in PAPER units or start elsewhere (curvature "
                    + curvature + ")");
        }
        return spec.eta() / curvature;
    }

    private static AgdResult diverged(Objective objective, double[][] w, int iterations, double eta, String reason) {
        double loss = objective.evaluate(w, 0, objective.samples(), null);
        return new AgdResult(Matrices.copy(w), iterations, loss, false, true, "diverged: " + reason, eta);
    }

    /** The loss of the network that predicts 0 everywhere (all weights zero). */
    private static double zeroPredictorLoss(Objective objective) {
        double[][] zero = new double[objective.mask().neurons()][objective.mask().inputs()];
        return objective.evaluate(zero, 0, objective.samples(), null);
    }
}
