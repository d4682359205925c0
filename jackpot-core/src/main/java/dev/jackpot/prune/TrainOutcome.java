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
 */
public record TrainOutcome(TensorSet finalWeights, Optional<TensorSet> captured, double accuracy, double loss,
                           Map<String, Double> metrics) {

    /** Copies the metrics. */
    public TrainOutcome {
        if (finalWeights == null || captured == null) {
            throw new IllegalArgumentException("A training outcome needs final weights and an Optional capture.");
        }
        metrics = Map.copyOf(metrics);
    }
}
