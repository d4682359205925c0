package dev.jackpot.nn.lottery;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the report needs of one trained branch, without its weights.
 *
 * @param replicate     the replicate
 * @param level         the IMP level
 * @param branch        "main" (the ticket) or a control's branch name
 * @param density       kept fraction of the eligible prunable weights
 * @param layerDensity  kept fraction per prunable tensor
 * @param accuracy      test accuracy of the final weights
 * @param loss          test loss of the final weights (NaN when diverged)
 * @param seconds       training wall time of the branch
 * @param steps         training steps the branch took
 * @param trainingFlops arithmetic the engine executed in the branch's training steps (2 x multiply-adds;
 *                      evaluation excluded), NaN when not recorded (runs before the sparse engine)
 * @param engine        the engine that trained it ({@code dense} or {@code sparse}; empty when not recorded)
 * @param earlyStopStep the step of minimum validation (or test) loss, -1 if unknown
 * @param curve         test accuracy at each evaluated step
 */
public record BranchSummary(int replicate, int level, String branch, double density, Map<String, Double> layerDensity,
                            double accuracy, double loss, double seconds, long steps, double trainingFlops, String engine,
                            long earlyStopStep, SortedMap<Long, Double> curve) {

    /** Copies the maps. */
    public BranchSummary {
        layerDensity = Map.copyOf(layerDensity);
        curve = new TreeMap<>(curve);
    }
}
