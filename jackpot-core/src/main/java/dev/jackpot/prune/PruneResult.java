package dev.jackpot.prune;

import dev.jackpot.tensor.TensorSet;

import java.util.List;

/**
 * New masks and the record of requested against achieved counts (weak-lth.md section 3.2: every
 * reported density names its denominator; here it is the eligible tensors).
 *
 * @param masks         the new masks, one per prunable tensor (excluded ones all ones)
 * @param layers        per-tensor counts, in mask order
 * @param requestedKept ones requested over the eligible tensors
 * @param kept          ones achieved over the eligible tensors
 * @param eligibleSize  elements of the eligible tensors
 */
public record PruneResult(TensorSet masks, List<LayerCount> layers, long requestedKept, long kept, long eligibleSize) {

    /** Copies the list. */
    public PruneResult {
        layers = List.copyOf(layers);
    }

    /** @return achieved density over the eligible tensors */
    public double density() {
        return eligibleSize == 0 ? 1.0 : (double) kept / eligibleSize;
    }

    /** @return requested density over the eligible tensors */
    public double requestedDensity() {
        return eligibleSize == 0 ? 1.0 : (double) requestedKept / eligibleSize;
    }

    /** @return true when no eligible tensor was left without a single weight */
    public boolean noLayerCollapsed() {
        return layers.stream().allMatch(l -> l.kept() > 0);
    }
}
