package dev.jackpot.prune;

import dev.jackpot.tensor.TensorSet;

/**
 * One training job the IMP driver gives a {@link TicketTrainer}.
 *
 * <p>The trainer starts from {@code start} (already masked: {@code start ⊙ M = start}), with the
 * optimiser state {@code startOptimizer} (fresh unless the spec restores the rewind point's state,
 * {@link OptimizerAtRewind#RESTORE}; its masked entries already zero), positions its learning-rate schedule and data order at step
 * {@code fromStep} (batches of step s depend only on {@code dataSeed} and s, so every level sees
 * level 0's batches from {@code fromStep} on), takes steps {@code fromStep .. toStep − 1} with
 * masked updates, and returns the weights after step {@code toStep − 1}. When
 * {@code captureStep ≥ 0} it also returns a copy of the weights as they are when step
 * {@code captureStep} is about to be taken ({@code captureStep == fromStep} captures the start),
 * and, when the engine can, the optimiser state at that point.
 *
 * @param level       the IMP level, 0 for the dense run
 * @param branch      "main" or a {@link Control#branch()} name
 * @param start       starting weights, every parameter; not modified by the trainer
 * @param masks       exact 0/1 masks, one per prunable tensor
 * @param fromStep    first step, non-negative
 * @param toStep      end step (exclusive), ≥ fromStep
 * @param captureStep step whose weights to capture, in [fromStep, toStep], or -1 for none
 * @param phase       TRAIN or FINE_TUNE schedule
 * @param dataSeed    seed of the data order, the same for every level and branch
 * @param startOptimizer the optimiser state to start with; {@link OptimizerSnapshot#fresh()} for a new one
 */
public record TrainRequest(int level, String branch, TensorSet start, TensorSet masks, long fromStep, long toStep,
                           long captureStep, TrainPhase phase, long dataSeed, OptimizerSnapshot startOptimizer) {

    /**
     * @throws IllegalArgumentException if the steps are inconsistent
     */
    public TrainRequest {
        if (fromStep < 0 || toStep < fromStep) {
            throw new IllegalArgumentException("A training job needs 0 <= fromStep <= toStep, got " + fromStep + " and "
                    + toStep + ".");
        }
        if (captureStep != -1 && (captureStep < fromStep || captureStep > toStep)) {
            throw new IllegalArgumentException("captureStep must be -1 or in [" + fromStep + ", " + toStep + "], got "
                    + captureStep + ".");
        }
        if (startOptimizer == null) {
            throw new IllegalArgumentException("A training job needs a start optimiser state; use OptimizerSnapshot.fresh().");
        }
    }

    /** A job that starts with a fresh optimiser. */
    public TrainRequest(int level, String branch, TensorSet start, TensorSet masks, long fromStep, long toStep,
                        long captureStep, TrainPhase phase, long dataSeed) {
        this(level, branch, start, masks, fromStep, toStep, captureStep, phase, dataSeed, OptimizerSnapshot.fresh());
    }
}
