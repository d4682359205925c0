package dev.jackpot.teacher;

import dev.jackpot.check.Checks;

import java.util.Objects;

/**
 * The learner's mask.
 *
 * @param source          where M comes from
 * @param pruningRatio    for MAGNITUDE, GRASP and GRASP_ABS: the fraction of the d K weights removed, in
 *                        [0, 1); equals the paper's pruning ratio 1 - r_ave / d
 * @param scoreIterations for MAGNITUDE, GRASP and GRASP_ABS: dense AGD iterations run before scoring
 *                        (paper: 20), positive
 */
public record MaskSpec(MaskSource source, double pruningRatio, int scoreIterations) {

    /** Default: the oracle mask. */
    public static final MaskSpec ORACLE = new MaskSpec(MaskSource.ORACLE, 0.0, 20);

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming the field and the value when one is out of range
     */
    public MaskSpec {
        Objects.requireNonNull(source, "source");
        Checks.finite("pruningRatio", pruningRatio);
        if (pruningRatio < 0 || pruningRatio >= 1) {
            throw new IllegalArgumentException("pruningRatio must be in [0, 1), got " + pruningRatio);
        }
        if ((source == MaskSource.ORACLE || source == MaskSource.DENSE) && pruningRatio != 0) {
            throw new IllegalArgumentException("pruningRatio applies to MAGNITUDE, GRASP and GRASP_ABS masks only; "
                    + source + " masks need 0, got " + pruningRatio);
        }
        Checks.positive("scoreIterations", scoreIterations);
    }

    /**
     * @param source MAGNITUDE, GRASP or GRASP_ABS
     * @param ratio  pruning ratio
     * @return a score-based mask spec with the paper's 20 warm-up iterations
     */
    public static MaskSpec pruned(MaskSource source, double ratio) {
        return new MaskSpec(source, ratio, 20);
    }
}
