package dev.jackpot.prune;

/**
 * What one pruning step did to one tensor: the requested count by the counting rule and the
 * count achieved. Jackpot's strategies are exact, so {@code kept == requestedKept} for every
 * layer-wise count; under {@link PruneScope#GLOBAL} scope only the total is requested, and
 * {@code requestedKept} is -1 for each layer.
 *
 * @param name          the tensor
 * @param size          its element count
 * @param keptBefore    ones in the mask before the step
 * @param requestedKept ones the rule asks for, or -1 when the count is global
 * @param kept          ones after the step
 * @param excluded      whether the tensor is excluded from pruning (then kept == keptBefore == size)
 */
public record LayerCount(String name, long size, long keptBefore, long requestedKept, long kept, boolean excluded) {

    /** @return kept / size */
    public double density() {
        return (double) kept / size;
    }

    /** @return requestedKept / size, or NaN when the count is global */
    public double requestedDensity() {
        return requestedKept < 0 ? Double.NaN : (double) requestedKept / size;
    }
}
