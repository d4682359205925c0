package dev.jackpot.nn.model;

/** What a parameter tensor is; decides whether it is pruned and whether it is trained. */
public enum ParameterKind {
    /** A Conv or Linear weight: prunable, trained. */
    WEIGHT,
    /** A Conv or Linear bias: trained, never pruned. */
    BIAS,
    /** A batch-norm scale (gamma): trained, never pruned. */
    NORM_SCALE,
    /** A batch-norm shift (beta): trained, never pruned. */
    NORM_SHIFT,
    /** A batch-norm running mean: a buffer updated in training mode, not by the optimiser. */
    RUNNING_MEAN,
    /** A batch-norm running variance: a buffer, not trained. */
    RUNNING_VAR;

    /** @return whether the weak-LTH pipeline may prune it (Conv/Linear weights only, as OpenLTH) */
    public boolean prunable() {
        return this == WEIGHT;
    }

    /** @return whether the optimiser updates it */
    public boolean trainable() {
        return this != RUNNING_MEAN && this != RUNNING_VAR;
    }
}
