package dev.jackpot.nn.train;

import dev.jackpot.tensor.TensorSet;

import java.util.Objects;

/**
 * The state of training after {@code step} steps: every parameter and buffer of the network and
 * the optimiser's state. A rewind point (weak-LTH design note, section 3.3) is a checkpoint at step k.
 *
 * @param step      steps completed, non-negative
 * @param weights   the network's parameters, in its order
 * @param optimizer the optimiser's state
 */
public record Checkpoint(long step, TensorSet weights, OptimizerState optimizer) {

    public Checkpoint {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(optimizer, "optimizer");
        if (step < 0) {
            throw new IllegalArgumentException("step must be non-negative, got " + step);
        }
    }

    /** @return step 0 with the given initial weights and a fresh optimiser */
    public static Checkpoint initial(TensorSet weights) {
        return new Checkpoint(0, weights, OptimizerState.fresh());
    }

    /** @return this checkpoint with a fresh optimiser (OpenLTH's behaviour when rewinding) */
    public Checkpoint withFreshOptimizer() {
        return new Checkpoint(step, weights, OptimizerState.fresh());
    }
}
