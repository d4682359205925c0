package dev.jackpot.nn.train;

/** Receives progress from {@link MaskedTrainer}; library code never prints. Methods default to no-ops. */
public interface TrainListener {

    /** A listener that ignores everything. */
    TrainListener NONE = new TrainListener() {
    };

    /**
     * After each step.
     *
     * @param step  steps completed
     * @param total the step the run stops at
     * @param loss  the minibatch loss of the step
     */
    default void onStep(long step, long total, double loss) {
    }

    /**
     * After each evaluation.
     *
     * @param metrics the metrics
     */
    default void onEpoch(EpochMetrics metrics) {
    }
}
