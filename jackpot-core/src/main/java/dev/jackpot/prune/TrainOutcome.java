package dev.jackpot.prune;

import dev.jackpot.tensor.TensorSet;

import java.util.Map;
import java.util.Optional;

/**
 * What a {@link TicketTrainer} returns for one {@link TrainRequest}. A diverged run is a result,
 * not an exception: report NaN loss.
 *
 * @param finalWeights weights after the last step, every parameter, masked entries exactly zero
 * @param captured     the weights at the request's capture step, present exactly when one was asked for
 * @param accuracy     test (or validation) accuracy of the final weights, in [0, 1] or NaN
 * @param loss         test loss of the final weights, NaN when diverged
 * @param metrics      further named metrics (e.g. "trainLoss", "earlyStopStep"); may be empty
 * @param capturedOptimizer the optimiser state at the capture step, when one was asked for and the
 *                     engine exposes its state (needed by {@link OptimizerAtRewind#RESTORE})
 */
public record TrainOutcome(TensorSet finalWeights, Optional<TensorSet> captured, double accuracy, double loss,
                           Map<String, Double> metrics, Optional<OptimizerSnapshot> capturedOptimizer) {

    /** Copies the metrics. */
    public TrainOutcome {
        if (finalWeights == null || captured == null || capturedOptimizer == null) {
            throw new IllegalArgumentException("A training outcome needs final weights and Optional captures.");
        }
        metrics = Map.copyOf(metrics);
    }

    /** An outcome without a captured optimiser state. */
    public TrainOutcome(TensorSet finalWeights, Optional<TensorSet> captured, double accuracy, double loss,
                        Map<String, Double> metrics) {
        this(finalWeights, captured, accuracy, loss, metrics, Optional.empty());
    }
}
