package dev.jackpot.nn.train;

import dev.jackpot.tensor.TensorSet;

import java.util.Objects;

/**
 * The optimiser's state at a step, in engine-neutral form: the number of updates applied (Adam's
 * bias correction uses it) and the buffers, named {@code "momentum/<param>"} (SGD) or
 * {@code "adam.m/<param>"} and {@code "adam.v/<param>"}. A buffer absent from the set is zero; a
 * fresh optimiser ({@link #fresh()}) has none, which is OpenLTH's state at a rewind point.
 *
 * @param updates number of updates applied so far, non-negative
 * @param buffers the buffers
 */
public record OptimizerState(long updates, TensorSet buffers) {

    public OptimizerState {
        Objects.requireNonNull(buffers, "buffers");
        if (updates < 0) {
            throw new IllegalArgumentException("updates must be non-negative, got " + updates);
        }
    }

    /** @return the state of a new optimiser: no updates, zero buffers */
    public static OptimizerState fresh() {
        return new OptimizerState(0, TensorSet.of());
    }
}
