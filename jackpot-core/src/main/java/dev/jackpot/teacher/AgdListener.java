package dev.jackpot.teacher;

/**
 * Observes Algorithm 1. Called on the solver's thread after every iteration; must not modify W.
 */
@FunctionalInterface
public interface AgdListener {

    /** A listener that does nothing. */
    AgdListener NONE = (t, loss, change, w) -> {
    };

    /**
     * @param iteration      the iteration just completed (1-based)
     * @param batchLoss      the loss on the block used by this iteration, evaluated at W(t)
     * @param relativeChange ||W(t+1) - W(t)||_F / ||W(t)||_F
     * @param weights        W(t+1), read-only
     */
    void onIteration(int iteration, double batchLoss, double relativeChange, double[][] weights);
}
