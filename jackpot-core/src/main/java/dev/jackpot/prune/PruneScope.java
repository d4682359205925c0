package dev.jackpot.prune;

/** Where a pruning count applies (weak-lth.md section 3.1). */
public enum PruneScope {
    /** One count over all eligible tensors, ranked together (OpenLTH {@code sparse_global}). */
    GLOBAL,
    /** One count per tensor with its own rate (Frankle and Carbin, ICLR 2019). */
    LAYERWISE
}
