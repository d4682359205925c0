package dev.jackpot.prune;

import dev.jackpot.tensor.TensorSet;

/**
 * A rule that derives the next masks from trained weights and the current masks. The result is
 * nested in the current masks ({@code M_new ≤ M}) and its counts are exact.
 */
public interface PruningStrategy {

    /**
     * @param weights the trained weights (at least every masked tensor)
     * @param masks   the current masks, exact 0/1, one per prunable tensor
     * @return the new masks and the requested and achieved counts
     * @throws IllegalArgumentException if the masks are invalid or do not match the weights
     */
    PruneResult prune(TensorSet weights, TensorSet masks);
}
