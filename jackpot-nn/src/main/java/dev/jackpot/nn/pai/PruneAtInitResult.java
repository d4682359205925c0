package dev.jackpot.nn.pai;

import dev.jackpot.prune.PruneResult;
import dev.jackpot.tensor.TensorSet;

import java.util.List;

/**
 * The mask a pruning-at-initialisation method chose.
 *
 * @param spec            the spec
 * @param masks           exact 0/1 masks, one per prunable tensor
 * @param selection       the last selection step (per-layer requested and achieved counts)
 * @param roundDensities  the density after each round (SynFlow: {@code d^(r/n)} up to rounding; one entry otherwise)
 * @param scores          the scores of the last round, over prunable tensors
 * @param scoredWeights   the weights the scores were computed on: the given init, or GraSP's Xavier re-draw
 * @param trainInit       the weights to train under the mask: the given init, or SNIP's separate draw with zero
 *                        biases ({@code scoreOnTrainedInit = false}); never modified by a re-draw for scoring
 */
public record PruneAtInitResult(PruneAtInitSpec spec, TensorSet masks, PruneResult selection, List<Double> roundDensities,
                                TensorSet scores, TensorSet scoredWeights, TensorSet trainInit) {

    /** Copies the list. */
    public PruneAtInitResult {
        roundDensities = List.copyOf(roundDensities);
    }
}
