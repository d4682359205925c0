package dev.jackpot.prune;

import dev.jackpot.tensor.TensorSet;

import java.util.List;

/**
 * The engine that the engine-neutral IMP driver ({@link ImpRunner}) calls: a DJL trainer in
 * jackpot-nn, a plain-array model in tests. Implementations must be deterministic: the same
 * arguments give bit-identical results.
 */
public interface TicketTrainer {

    /**
     * @return names of the prunable tensors (Conv and Linear weights; never biases or batch-norm),
     *         in the model's parameter order; masks are keyed by these names
     */
    List<String> prunableNames();

    /**
     * Draws a fresh initialisation.
     *
     * @param seed the seed of the draw; the driver derives it by name ("init", or "reinit" per level)
     * @return every parameter, prunable or not, in the model's parameter order
     */
    TensorSet initialWeights(long seed);

    /**
     * Trains under a mask. The trainer applies masked updates (weak-lth.md section 2: forward with
     * {@code W ⊙ M}, masked gradient, {@code W ← W ⊙ M} and optimiser state zeroed at masked entries
     * after every step).
     *
     * @param request the job
     * @return final weights, the capture if requested, and metrics
     */
    TrainOutcome train(TrainRequest request);
}
