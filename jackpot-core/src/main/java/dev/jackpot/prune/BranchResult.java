package dev.jackpot.prune;

import dev.jackpot.tensor.TensorSet;

import java.util.Map;

/**
 * One trained network of one IMP level: the ticket ("main") or a control branch.
 *
 * @param branch        "main" or a {@link Control#branch()} name
 * @param masks         the masks it trained under
 * @param startWeights  the weights training started from (masked)
 * @param rewindWeights level 0 main: the weights captured at the rewind step k (θk; θ0 when k = 0);
 *                      otherwise empty
 * @param finalWeights  the trained weights, masked entries exactly zero
 * @param fromStep      first step trained
 * @param toStep        end step (exclusive)
 * @param accuracy      final accuracy
 * @param loss          final loss (NaN when diverged)
 * @param metrics       the trainer's further metrics
 * @param prune         the pruning step that made the masks (requested against achieved counts)
 * @param rewindOptimizer level 0 main under {@link OptimizerAtRewind#RESTORE}: the optimiser state
 *                      captured at the rewind step; otherwise {@link OptimizerSnapshot#fresh()}
 */
public record BranchResult(String branch, TensorSet masks, TensorSet startWeights, TensorSet rewindWeights,
                           TensorSet finalWeights, long fromStep, long toStep, double accuracy, double loss,
                           Map<String, Double> metrics, PruneResult prune, OptimizerSnapshot rewindOptimizer) {

    /** The branch name of the ticket itself. */
    public static final String MAIN = "main";

    /** Copies the metrics. */
    public BranchResult {
        metrics = Map.copyOf(metrics);
        rewindOptimizer = rewindOptimizer == null ? OptimizerSnapshot.fresh() : rewindOptimizer;
    }

    /** A branch without a saved optimiser state. */
    public BranchResult(String branch, TensorSet masks, TensorSet startWeights, TensorSet rewindWeights,
                        TensorSet finalWeights, long fromStep, long toStep, double accuracy, double loss,
                        Map<String, Double> metrics, PruneResult prune) {
        this(branch, masks, startWeights, rewindWeights, finalWeights, fromStep, toStep, accuracy, loss, metrics, prune,
                OptimizerSnapshot.fresh());
    }

    /** @return the density over the eligible tensors */
    public double density() {
        return prune.density();
    }
}
