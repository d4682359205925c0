package dev.jackpot.teacher;

/** Where the learner's mask M comes from. */
public enum MaskSource {
    /** M = M*, the oracle's own mask (an accurate mask; section 4.1). */
    ORACLE,
    /** No pruning: M is all ones. */
    DENSE,
    /**
     * Global magnitude pruning: keep the largest |W_e| entries, W_e after a few dense AGD iterations.
     */
    MAGNITUDE,
    /**
     * GraSP (Wang, Zhang, Grosse 2020) as in section 4.2: scores S = -W_e . (H g) at W_e after a few
     * dense AGD iterations, g the gradient and H the Hessian; the largest scores are removed.
     */
    GRASP,
    /**
     * The GraSP scores S ranked by magnitude: the largest |S| are kept. Not GraSP's published rule; a
     * variant that reaches the mask accuracies Zhang et al. plot for their GraSP masks (see
     * {@link GraspVariant}).
     */
    GRASP_ABS
}
