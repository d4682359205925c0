package dev.jackpot.nn.train;

import dev.jackpot.tensor.TensorSet;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The outcome of {@link MaskedTrainer#train}.
 *
 * @param fromStep          the step the run started from
 * @param toStep            the step it was asked to reach
 * @param finalState        weights and optimiser state at the last step completed ({@code toStep}
 *                          unless the run diverged)
 * @param captured          the checkpoint at the requested capture step (the rewind point), if one was requested and reached
 * @param epochs            metrics at each evaluation point, in order
 * @param earlyStopStep     the evaluated step with the lowest validation loss (test loss when there
 *                          is no validation set): Frankle and Carbin's early-stopping iteration; -1 if none was evaluated
 * @param divergedAtStep    the step whose loss was not finite, if any; training stopped there
 * @param seconds           wall-clock seconds
 * @param engine            the engine that trained: {@link #DENSE} (libtorch) or {@link #SPARSE} (the kept weights only)
 * @param trainingMacs      multiply-adds the engine executed in the products of the training steps
 *                          (forward, weight and input gradients; the dense engine also multiplies the
 *                          masked zeros), evaluation excluded
 */
public record TrainResult(long fromStep, long toStep, Checkpoint finalState, Optional<Checkpoint> captured,
                          List<EpochMetrics> epochs, long earlyStopStep, OptionalLong divergedAtStep, double seconds,
                          String engine, double trainingMacs) {

    /** {@link #engine()} of libtorch's dense kernels. */
    public static final String DENSE = "dense";
    /** {@link #engine()} of the sparse engine ({@link dev.jackpot.nn.sparse.SparseMlp}). */
    public static final String SPARSE = "sparse";

    public TrainResult {
        epochs = List.copyOf(epochs);
    }

    /** @return the final weights */
    public TensorSet weights() {
        return finalState.weights();
    }

    /** @return whether the loss became NaN or infinite */
    public boolean diverged() {
        return divergedAtStep.isPresent();
    }

    /** @return the last evaluation, if any */
    public Optional<EpochMetrics> last() {
        return epochs.isEmpty() ? Optional.empty() : Optional.of(epochs.get(epochs.size() - 1));
    }
}
