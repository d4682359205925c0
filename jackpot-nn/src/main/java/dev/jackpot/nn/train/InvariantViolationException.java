package dev.jackpot.nn.train;

/**
 * A masking invariant failed during a run with {@link TrainSpec#checkInvariants()}: a masked weight
 * or optimiser buffer entry was not exactly zero after a step. This is a bug, never a data problem.
 */
public final class InvariantViolationException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message full sentence naming the tensor and step
     */
    public InvariantViolationException(String message) {
        super(message);
    }
}
