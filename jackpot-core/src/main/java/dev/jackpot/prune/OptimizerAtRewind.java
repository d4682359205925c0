package dev.jackpot.prune;

/**
 * The optimiser state a level starts with when it rewinds to step k ({@link ResetVariant#REWIND_TO_STEP};
 * weak-lth.md section 3.3).
 */
public enum OptimizerAtRewind {
    /**
     * A fresh optimiser at step k: zero momentum or Adam moments and no update count, as OpenLTH builds
     * a new optimiser in {@code training/train.py}. The default.
     */
    ZERO,
    /**
     * The optimiser state saved at step k of level 0 (momentum or Adam moments and the update count),
     * with the entries the new mask prunes set to exactly +0.0.
     */
    RESTORE
}
